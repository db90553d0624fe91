// Errors from the bridge always reach the screens as {code, message, field?}.
import { describe, expect, it } from 'vitest';
import { isErrorDto, toErrorDto } from './api';

describe('toErrorDto', () => {
  it('passes a command error through', () => {
    const dto = { code: 'invalid_input', message: 'Номаълум тил', field: 'language' };
    expect(isErrorDto(dto)).toBe(true);
    expect(toErrorDto(dto)).toBe(dto);
  });

  it('turns anything else into an internal error with its text', () => {
    expect(toErrorDto(new Error('ipc closed'))).toEqual({ code: 'internal', message: 'ipc closed' });
    expect(toErrorDto('boom')).toEqual({ code: 'internal', message: 'boom' });
  });

  it('does not accept codes outside the closed set', () => {
    expect(isErrorDto({ code: 'teapot', message: 'x' })).toBe(false);
    expect(isErrorDto(null)).toBe(false);
  });
});
