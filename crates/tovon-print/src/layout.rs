//! A4 layout: the letterhead and reference, then the blocks top to bottom, a new page when
//! the next line or row does not fit (a table's header is repeated on it), and the footer
//! with "page/pages" on every page once the count is known.

use chrono::NaiveTime;
use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem,
};

use crate::PrintError;
use crate::document::{Align, Block, Document, Table};
use crate::fonts::{Fonts, fonts, width, wrap};

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const LEFT: f32 = 25.0;
const RIGHT: f32 = 15.0;
const TOP: f32 = 18.0;
const BOTTOM: f32 = 22.0;
const TEXT_W: f32 = PAGE_W - LEFT - RIGHT;
const BODY: f32 = 10.5;
const SMALL: f32 = 8.5;
const TABLE: f32 = 9.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.3;
const CELL_PAD: f32 = 1.2;

/// Points in a millimetre.
fn pt(mm: f32) -> Pt {
    Mm(mm).into()
}

fn mm_of(size: f32) -> f32 {
    Mm::from(Pt(size)).0
}

struct Writer<'a> {
    fonts: &'a Fonts,
    regular: FontId,
    bold: FontId,
    pages: Vec<Vec<Op>>,
    /// The page being written.
    current: usize,
    /// The current baseline position's top, from the bottom of the page, in mm.
    y: f32,
}

impl Writer<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        while self.pages.len() <= self.current {
            self.pages.push(Vec::new());
        }
        &mut self.pages[self.current]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.current = self.pages.len() - 1;
        self.y = PAGE_H - TOP;
    }

    /// Makes room for `height` mm, starting a page when it does not fit; true if it did.
    fn ensure(&mut self, height: f32) -> bool {
        if self.y - height < BOTTOM {
            self.new_page();
            return true;
        }
        false
    }

    fn font(&self, bold: bool) -> (&ParsedFont, FontId) {
        if bold { (&self.fonts.bold, self.bold.clone()) } else { (&self.fonts.regular, self.regular.clone()) }
    }

    /// One string with its baseline at (x, y) mm.
    fn text(&mut self, bold: bool, size: f32, x: f32, y: f32, text: &str) {
        let (_, font) = self.font(bold);
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetTextCursor { pos: Point { x: pt(x), y: pt(y) } },
            Op::ShowText { items: vec![TextItem::Text(text.to_owned())] },
            Op::EndTextSection,
        ]);
    }

    /// `text` aligned in the span `(x, width)`.
    fn aligned(&mut self, bold: bool, size: f32, (x, w): (f32, f32), y: f32, text: &str, align: Align) {
        let (font, _) = self.font(bold);
        let text_w = Mm::from(width(font, text, Pt(size))).0;
        let x = match align {
            Align::Left => x,
            Align::Right => x + w - text_w,
            Align::Centre => x + (w - text_w) / 2.0,
        };
        self.text(bold, size, x, y, text);
    }

    fn rule(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) {
        self.ops().extend([
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint { p: Point::new(Mm(x1), Mm(y1)), bezier: false },
                        LinePoint { p: Point::new(Mm(x2), Mm(y2)), bezier: false },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) {
        let rectangle = Rect { mode: Some(mode), ..Rect::from_xywh(pt(x), pt(y), pt(w), pt(h)) };
        self.ops().push(Op::DrawRectangle { rectangle });
    }

    /// Wrapped text across the text width; each line moves the cursor down.
    fn lines(&mut self, bold: bool, size: f32, text: &str, x: f32, w: f32, align: Align) {
        let line_h = mm_of(size * LEADING);
        let (font, _) = self.font(bold);
        for line in wrap(font, text, Pt(size), pt(w)) {
            self.ensure(line_h);
            self.y -= line_h;
            self.aligned(bold, size, (x, w), self.y + mm_of(size * 0.25), &line, align);
        }
    }

    fn head(&mut self, document: &Document) {
        self.y = PAGE_H - TOP;
        let start = self.y;
        for line in &document.letterhead {
            self.y -= mm_of(SMALL * LEADING);
            self.text(false, SMALL, LEFT, self.y, line);
        }
        let left_end = self.y;
        self.y = start;
        for (index, line) in document.reference.iter().enumerate() {
            self.y -= mm_of(BODY * LEADING);
            self.aligned(index == 0, BODY, (LEFT, TEXT_W), self.y, line, Align::Right);
        }
        self.y = self.y.min(left_end) - 3.0;
        self.rule(LEFT, self.y, LEFT + TEXT_W, self.y, 0.8);
        self.y -= 4.0;
    }

    fn fields(&mut self, fields: &[(String, String)]) {
        let label_w = 55.0;
        let value_w = TEXT_W - label_w - 3.0;
        let line_h = mm_of(BODY * LEADING);
        for (label, value) in fields {
            let labels = wrap(&self.fonts.regular, label, Pt(BODY), pt(label_w));
            let values = wrap(&self.fonts.bold, value, Pt(BODY), pt(value_w));
            let rows = labels.len().max(values.len());
            self.ensure(line_h * rows as f32);
            for row in 0..rows {
                self.y -= line_h;
                let baseline = self.y + mm_of(BODY * 0.25);
                if let Some(label) = labels.get(row) {
                    self.text(false, BODY, LEFT, baseline, label);
                }
                if let Some(value) = values.get(row) {
                    self.text(true, BODY, LEFT + label_w + 3.0, baseline, value);
                }
            }
        }
    }

    fn table(&mut self, table: &Table) {
        let total: f32 = table.columns.iter().map(|c| c.width.max(0.1)).sum();
        let widths: Vec<f32> = table.columns.iter().map(|c| c.width.max(0.1) / total * TEXT_W).collect();
        let line_h = mm_of(TABLE * LEADING);
        let header: Vec<String> = table.columns.iter().map(|c| c.title.clone()).collect();
        self.row(&header, &widths, table, true, line_h);
        for (index, cells) in table.rows.iter().enumerate() {
            let bold = table.bold_rows.contains(&index);
            let height = self.row_height(cells, &widths, bold, line_h);
            if self.ensure(height) {
                self.row(&header, &widths, table, true, line_h);
            }
            self.row(cells, &widths, table, bold, line_h);
        }
        self.y -= 2.0;
    }

    fn cell_lines(&self, cells: &[String], widths: &[f32], bold: bool) -> Vec<Vec<String>> {
        let font = if bold { &self.fonts.bold } else { &self.fonts.regular };
        widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                wrap(font, cells.get(i).map_or("", String::as_str), Pt(TABLE), pt(w - 2.0 * CELL_PAD))
            })
            .collect()
    }

    fn row_height(&self, cells: &[String], widths: &[f32], bold: bool, line_h: f32) -> f32 {
        let lines = self.cell_lines(cells, widths, bold);
        lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * CELL_PAD
    }

    fn row(&mut self, cells: &[String], widths: &[f32], table: &Table, header: bool, line_h: f32) {
        let bold = header;
        let lines = self.cell_lines(cells, widths, bold);
        let height = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * line_h + 2.0 * CELL_PAD;
        self.ensure(height);
        let top = self.y;
        if header {
            self.ops().push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(0.9, None)) });
            self.rect(LEFT, top - height, TEXT_W, height, PaintMode::Fill);
            self.ops().push(Op::SetFillColor { col: Color::Greyscale(Greyscale::new(0.0, None)) });
        }
        let mut x = LEFT;
        for (i, w) in widths.iter().enumerate() {
            self.ops().push(Op::SetOutlineThickness { pt: Pt(0.5) });
            self.rect(x, top - height, *w, height, PaintMode::Stroke);
            let align =
                if header { Align::Centre } else { table.columns.get(i).map_or(Align::Left, |c| c.align) };
            for (n, line) in lines.get(i).into_iter().flatten().enumerate() {
                let baseline = top - CELL_PAD - line_h * (n as f32 + 1.0) + mm_of(TABLE * 0.25);
                self.aligned(bold, TABLE, (x + CELL_PAD, w - 2.0 * CELL_PAD), baseline, line, align);
            }
            x += w;
        }
        self.y = top - height;
    }

    fn signatures(&mut self, roles: &[String], caption: &str) {
        let line_h = mm_of(BODY * LEADING);
        for role in roles {
            let roles = wrap(&self.fonts.regular, role, Pt(BODY), pt(80.0));
            self.ensure(line_h * roles.len() as f32 + 10.0);
            self.y -= 8.0;
            let first = self.y;
            for line in &roles {
                self.text(false, BODY, LEFT, self.y, line);
                self.y -= line_h;
            }
            self.rule(LEFT + 90.0, first - 0.8, LEFT + 135.0, first - 0.8, 0.5);
            self.aligned(false, SMALL, (LEFT + 90.0, 45.0), first - 4.0, caption, Align::Centre);
            self.rule(LEFT + 140.0, first - 0.8, LEFT + TEXT_W, first - 0.8, 0.5);
        }
    }

    fn footers(&mut self, footer: &str) {
        let count = self.pages.len();
        for page in 0..count {
            self.current = page;
            self.rule(LEFT, BOTTOM - 6.0, LEFT + TEXT_W, BOTTOM - 6.0, 0.3);
            self.text(false, SMALL, LEFT, BOTTOM - 10.0, footer);
            self.aligned(
                false,
                SMALL,
                (LEFT, TEXT_W),
                BOTTOM - 10.0,
                &format!("{}/{count}", page + 1),
                Align::Right,
            );
        }
    }
}

/// Lays `document` out and returns the PDF's bytes: the same document gives the same bytes.
pub fn render(document: &Document) -> Result<Vec<u8>, PrintError> {
    let fonts = fonts()?;
    let mut writer = Writer {
        fonts,
        regular: FontId("TVNSRF".to_owned()),
        bold: FontId("TVNSBD".to_owned()),
        pages: vec![Vec::new()],
        current: 0,
        y: PAGE_H - TOP,
    };
    writer.head(document);
    for block in &document.blocks {
        match block {
            Block::Heading(text) => {
                writer.y -= 3.0;
                writer.lines(true, 13.0, text, LEFT, TEXT_W, Align::Centre);
                writer.y -= 3.0;
            }
            Block::Paragraph(text) => {
                writer.lines(false, BODY, text, LEFT, TEXT_W, Align::Left);
                writer.y -= 1.5;
            }
            Block::Strong(text) => {
                writer.lines(true, BODY, text, LEFT, TEXT_W, Align::Left);
                writer.y -= 1.5;
            }
            Block::Fields(fields) => {
                writer.fields(fields);
                writer.y -= 2.0;
            }
            Block::Table(table) => writer.table(table),
            Block::Signatures { roles, caption } => writer.signatures(roles, caption),
            Block::Space(mm) => writer.y -= mm,
        }
    }
    writer.footers(&document.footer);

    let mut pdf = PdfDocument::new(&document.title);
    let issued = document.issued_on.and_time(NaiveTime::MIN).and_utc().timestamp();
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(issued) {
        pdf.metadata.info.creation_date = date;
        pdf.metadata.info.modification_date = date;
        pdf.metadata.info.metadata_date = date;
    }
    pdf.metadata.info.producer = "Tovon".to_owned();
    pdf.metadata.info.creator = "Tovon".to_owned();
    pdf.metadata.info.identifier = document.anchor.clone();
    // Fixed font ids (they name the subsets), not the process's counter: same bytes each time.
    pdf.resources.fonts.map.insert(writer.regular.clone(), PdfFont::new(fonts.regular.clone()));
    pdf.resources.fonts.map.insert(writer.bold.clone(), PdfFont::new(fonts.bold.clone()));
    let pages =
        writer.pages.into_iter().map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops)).collect::<Vec<_>>();
    pdf.with_pages(pages);
    let options = PdfSaveOptions { subset_fonts: true, optimize: true, ..Default::default() };
    let bytes = pdf.save(&options, &mut Vec::new());
    Ok(pin_trailer_id(bytes))
}

/// printpdf writes the trailer's `/ID` from a process-wide counter; replace both of its
/// 32-letter strings with ones made from the content (same length: offsets stay valid).
fn pin_trailer_id(mut pdf: Vec<u8>) -> Vec<u8> {
    let needle = b"/ID[(";
    let Some(at) = pdf.windows(needle.len()).rposition(|w| w == needle) else { return pdf };
    let (first, second) = (at + needle.len(), at + needle.len() + 34);
    if pdf.len() < second + 32 || &pdf[first + 32..second] != b")(" {
        return pdf;
    }
    // FNV-1a over the content before the trailer, as 32 letters A–P.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut id = [0u8; 32];
    for (round, slot) in id.chunks_mut(16).enumerate() {
        for byte in pdf[..at].iter().chain(std::iter::once(&(round as u8))) {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        for (i, letter) in slot.iter_mut().enumerate() {
            *letter = b'A' + ((hash >> (4 * i)) & 0xF) as u8;
        }
    }
    pdf[first..first + 32].copy_from_slice(&id);
    pdf[second..second + 32].copy_from_slice(&id);
    pdf
}
