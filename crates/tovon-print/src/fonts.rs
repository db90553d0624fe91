//! The embedded fonts (DejaVu Serif regular and bold, `assets/fonts/`), parsed once, and
//! the width of a text in them — what `ShowText` advances by (no kerning, no shaping).

use std::sync::LazyLock;

use printpdf::{ParsedFont, Pt};

use crate::PrintError;

const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSerif.ttf");
const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSerif-Bold.ttf");

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
}

static FONTS: LazyLock<Option<Fonts>> = LazyLock::new(|| {
    let regular = ParsedFont::from_bytes(REGULAR, 0, &mut Vec::new())?;
    let bold = ParsedFont::from_bytes(BOLD, 0, &mut Vec::new())?;
    Some(Fonts { regular, bold })
});

/// The fonts, parsed on first use (a few milliseconds) and kept for the process.
pub fn fonts() -> Result<&'static Fonts, PrintError> {
    FONTS.as_ref().ok_or(PrintError::Font("DejaVuSerif"))
}

/// The width of `text` in `font` at `size`.
pub fn width(font: &ParsedFont, text: &str, size: Pt) -> Pt {
    let units_per_em = f32::from(font.pdf_font_metrics.units_per_em.max(1));
    let units: u32 = text
        .chars()
        .map(|c| u32::from(font.get_horizontal_advance(font.lookup_glyph_index(u32::from(c)).unwrap_or(0))))
        .sum();
    Pt(units as f32 * size.0 / units_per_em)
}

/// `text` broken into lines no wider than `max`; a word wider than the line is cut.
pub fn wrap(font: &ParsedFont, text: &str, size: Pt, max: Pt) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
            if width(font, &candidate, size).0 <= max.0 {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line (a long number) is cut where it must be.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if width(font, &piece, size).0 > max.0 && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}
