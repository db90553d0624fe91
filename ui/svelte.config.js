// Svelte compiler options for the desk's UI (TypeScript is handled natively by Svelte 5).
export default {
  compilerOptions: { runes: true },
};
