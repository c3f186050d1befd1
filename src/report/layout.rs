//! A small flow layout over printpdf: A4, 20 mm margins, a header with the letterhead
//! and the document title, a footer with the generation date and "page n / N";
//! headings, wrapped paragraphs, key–value lists, tables that break across pages with
//! their header repeated, horizontal bar charts.
//!
//! Documents describe themselves with [`Document`] and [`Block`]; only [`render`]
//! touches printpdf, so another back end can be added without touching the documents.

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use super::ReportError;
use crate::assets;
use crate::domain::text;

/// A document to lay out.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// "Ville de Grenoble — Mission Démocratie locale".
    pub letterhead: String,
    pub title: String,
    pub subtitle: String,
    pub generated_on: NaiveDate,
    pub blocks: Vec<Block>,
    /// Printed diagonally across every page ("BROUILLON").
    pub watermark: Option<String>,
    /// Printed in the middle of every footer ("Validé le …").
    pub stamp: Option<String>,
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 or 2.
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph in italics (notes, sources).
    Note(String),
    /// Label → value lines.
    KeyValues(Vec<(String, String)>),
    Table(Table),
    Chart(BarChart),
    PageBreak,
}

/// A table; column widths are relative weights.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
    /// The least height of a body row in points (room to sign); 0 fits the text.
    pub min_row_height: f32,
    /// Ruled cells (a sheet to fill in by hand) instead of zebra rows.
    pub grid: bool,
}

/// Horizontal bars, each with an optional target range drawn behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    pub bars: Vec<Bar>,
    pub legend: String,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f32,
    /// (min, max) of the target.
    pub target: Option<(f32, f32)>,
    /// Printed at the right of the bar ("12 (10–13)").
    pub caption: String,
}

impl Bar {
    fn within_target(&self) -> bool {
        self.target
            .is_none_or(|(min, max)| self.value >= min && self.value <= max)
    }
}

const MM: f32 = 72.0 / 25.4;
const PAGE_W: f32 = 210.0 * MM;
const PAGE_H: f32 = 297.0 * MM;
const MARGIN: f32 = 20.0 * MM;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const TOP: f32 = PAGE_H - MARGIN - 6.0 * MM;
const BOTTOM: f32 = MARGIN + 4.0 * MM;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;
const CELL_SIZE: f32 = 8.8;
const CELL_LH: f32 = CELL_SIZE * 1.32;
const CELL_PAD: f32 = 3.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
    Italic,
}

#[derive(Debug, Clone, Copy)]
struct Rgb8(u8, u8, u8);

const INK: Rgb8 = Rgb8(0x22, 0x22, 0x22);
const GREY: Rgb8 = Rgb8(0x6b, 0x6b, 0x6b);
const ACCENT: Rgb8 = Rgb8(0x1f, 0x5c, 0x99);
const HEADER_FILL: Rgb8 = Rgb8(0xdc, 0xe7, 0xf3);
const ZEBRA: Rgb8 = Rgb8(0xf3, 0xf5, 0xf8);
const RULE: Rgb8 = Rgb8(0xb8, 0xc4, 0xd2);
const OK: Rgb8 = Rgb8(0x2e, 0x7d, 0x4f);
const OFF: Rgb8 = Rgb8(0xc0, 0x5a, 0x1a);
const TARGET: Rgb8 = Rgb8(0xd9, 0xe8, 0xdc);
const WATERMARK: Rgb8 = Rgb8(0xf2, 0xd0, 0xd0);

/// What is drawn on a page, in points from the bottom-left corner.
#[derive(Debug, Clone)]
enum Mark {
    Text {
        x: f32,
        y: f32,
        size: f32,
        face: Face,
        color: Rgb8,
        text: String,
    },
    /// Text turned by `angle` degrees around its start.
    Turned {
        x: f32,
        y: f32,
        size: f32,
        angle: f32,
        color: Rgb8,
        text: String,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb8,
    },
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        color: Rgb8,
    },
}

/// A rule across the whole content width.
fn hline(y: f32, width: f32, color: Rgb8) -> Mark {
    Mark::Rule {
        x1: MARGIN,
        y1: y,
        x2: MARGIN + CONTENT_W,
        y2: y,
        width,
        color,
    }
}

/// A table row wrapped to its columns.
struct WrappedRow {
    cells: Vec<Vec<String>>,
    height: f32,
}

/// Advance widths of the embedded faces.
struct Metrics {
    faces: [ttf_parser::Face<'static>; 3],
}

impl Metrics {
    fn load() -> Result<Metrics, ReportError> {
        let parse = |bytes: &'static [u8]| {
            ttf_parser::Face::parse(bytes, 0).map_err(|e| ReportError::Font(e.to_string()))
        };
        Ok(Metrics {
            faces: [
                parse(assets::FONT_REGULAR)?,
                parse(assets::FONT_BOLD)?,
                parse(assets::FONT_ITALIC)?,
            ],
        })
    }

    fn width(&self, face: Face, size: f32, s: &str) -> f32 {
        let f = &self.faces[face as usize];
        let units: u32 = s
            .chars()
            .map(|c| {
                f.glyph_index(c)
                    .or_else(|| f.glyph_index('?'))
                    .and_then(|g| f.glyph_hor_advance(g))
                    .unwrap_or(0) as u32
            })
            .sum();
        units as f32 * size / f.units_per_em() as f32
    }

    /// `s` if it fits in `max`, else its longest beginning that fits followed by "…"
    /// (empty when not even that fits).
    fn fit(&self, face: Face, size: f32, s: &str, max: f32) -> String {
        if self.width(face, size, s) <= max {
            return s.to_string();
        }
        let mut out: String = s.to_string();
        while !out.is_empty() {
            out.pop();
            let candidate = format!("{}…", out.trim_end());
            if self.width(face, size, &candidate) <= max {
                return candidate;
            }
        }
        String::new()
    }

    /// Greedy wrap on ordinary spaces (no-break spaces hold words together); a word
    /// wider than the line is cut between characters. Never drops text.
    fn wrap(&self, face: Face, size: f32, s: &str, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in s.split('\n') {
            let mut line = String::new();
            for word in para.split(' ') {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(face, size, &candidate) <= max {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut piece = String::new();
                for c in word.chars() {
                    piece.push(c);
                    if self.width(face, size, &piece) > max && piece.chars().count() > 1 {
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
}

/// The pages being filled.
struct Flow<'m> {
    m: &'m Metrics,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Vec<Mark> {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `h` points still fit.
    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM && self.y < TOP {
            self.new_page();
        }
    }

    fn text(&mut self, x: f32, baseline: f32, size: f32, face: Face, color: Rgb8, s: &str) {
        self.page().push(Mark::Text {
            x,
            y: baseline,
            size,
            face,
            color,
            text: s.to_string(),
        });
    }

    fn lines(&mut self, lines: &[String], x: f32, size: f32, face: Face, color: Rgb8) {
        let lh = size * 1.38;
        for l in lines {
            self.ensure(lh);
            let baseline = self.y - size;
            self.text(x, baseline, size, face, color, l);
            self.y -= lh;
        }
    }

    fn heading(&mut self, level: u8, s: &str) {
        let (size, gap) = if level <= 1 {
            (13.5, 10.0)
        } else {
            (11.0, 6.0)
        };
        let lines = self.m.wrap(Face::Bold, size, s, CONTENT_W);
        // Keep a heading with at least three lines of what follows.
        self.ensure(gap + lines.len() as f32 * size * 1.3 + 3.0 * BODY * 1.38);
        if self.y < TOP {
            self.y -= gap;
        }
        self.lines(&lines, MARGIN, size, Face::Bold, ACCENT);
        if level <= 1 {
            let y = self.y + 2.0;
            self.page().push(hline(y, 0.6, RULE));
        }
        self.y -= 4.0;
    }

    fn paragraph(&mut self, s: &str, face: Face, color: Rgb8) {
        let lines = self.m.wrap(face, BODY, s, CONTENT_W);
        self.lines(&lines, MARGIN, BODY, face, color);
        self.y -= 5.0;
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let key_w = CONTENT_W * 0.30;
        for (k, v) in pairs {
            let keys = self.m.wrap(Face::Bold, BODY, k, key_w - 6.0);
            let values = self.m.wrap(Face::Regular, BODY, v, CONTENT_W - key_w);
            let lh = BODY * 1.38;
            let n = keys.len().max(values.len());
            self.ensure(n as f32 * lh);
            let top = self.y;
            for (i, l) in keys.iter().enumerate() {
                self.text(
                    MARGIN,
                    top - BODY - i as f32 * lh,
                    BODY,
                    Face::Bold,
                    GREY,
                    l,
                );
            }
            for (i, l) in values.iter().enumerate() {
                self.text(
                    MARGIN + key_w,
                    top - BODY - i as f32 * lh,
                    BODY,
                    Face::Regular,
                    INK,
                    l,
                );
            }
            self.y = top - n as f32 * lh - 2.0;
        }
        self.y -= 5.0;
    }

    /// Wraps one row's cells to the column widths and measures its height.
    fn wrap_row(&self, widths: &[f32], face: Face, row: &[String], min: f32) -> WrappedRow {
        let cells: Vec<Vec<String>> = widths
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let cell = row.get(i).map(String::as_str).unwrap_or("");
                self.m.wrap(face, CELL_SIZE, cell, w - 2.0 * CELL_PAD)
            })
            .collect();
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
        WrappedRow {
            height: (lines as f32 * CELL_LH + 2.0 * CELL_PAD).max(min),
            cells,
        }
    }

    fn table(&mut self, t: &Table) {
        let total: f32 = t.columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
        let widths: Vec<f32> = t.columns.iter().map(|c| c.1 / total * CONTENT_W).collect();
        let titles: Vec<String> = t.columns.iter().map(|c| c.0.clone()).collect();
        let header = self.wrap_row(&widths, Face::Bold, &titles, 0.0);
        let rows: Vec<WrappedRow> = t
            .rows
            .iter()
            .map(|r| self.wrap_row(&widths, Face::Regular, r, t.min_row_height))
            .collect();
        self.ensure(header.height + rows.first().map_or(0.0, |r| r.height));
        self.table_row(&widths, &header, Face::Bold, Some(HEADER_FILL), t.grid);
        for (i, row) in rows.iter().enumerate() {
            if self.y - row.height < BOTTOM {
                self.new_page();
                self.table_row(&widths, &header, Face::Bold, Some(HEADER_FILL), t.grid);
            }
            let fill = (i % 2 == 1 && !t.grid).then_some(ZEBRA);
            self.table_row(&widths, row, Face::Regular, fill, t.grid);
        }
        self.y -= 8.0;
    }

    fn table_row(
        &mut self,
        widths: &[f32],
        row: &WrappedRow,
        face: Face,
        fill: Option<Rgb8>,
        grid: bool,
    ) {
        let (top, h) = (self.y, row.height);
        if grid {
            self.page().push(hline(top, 0.5, GREY));
            let mut x = MARGIN;
            for w in std::iter::once(&0.0).chain(widths.iter()) {
                x += w;
                self.page().push(Mark::Rule {
                    x1: x,
                    y1: top,
                    x2: x,
                    y2: top - h,
                    width: 0.5,
                    color: GREY,
                });
            }
        }
        if let Some(color) = fill {
            self.page().push(Mark::Fill {
                x: MARGIN,
                y: top - h,
                w: CONTENT_W,
                h,
                color,
            });
        }
        let mut x = MARGIN;
        for (w, lines) in widths.iter().zip(&row.cells) {
            for (i, l) in lines.iter().enumerate() {
                let baseline = top - CELL_PAD - CELL_SIZE - i as f32 * CELL_LH + 1.5;
                self.text(x + CELL_PAD, baseline, CELL_SIZE, face, INK, l);
            }
            x += w;
        }
        self.page().push(hline(
            top - h,
            if grid { 0.5 } else { 0.4 },
            if grid { GREY } else { RULE },
        ));
        self.y = top - h;
    }

    fn chart(&mut self, c: &BarChart) {
        let label_w = CONTENT_W * 0.30;
        let caption_w = CONTENT_W * 0.17;
        let bar_w = CONTENT_W - label_w - caption_w - 8.0;
        let scale_max = c
            .bars
            .iter()
            .map(|b| b.value.max(b.target.map_or(0.0, |t| t.1)))
            .fold(1.0_f32, f32::max);
        let row_h = 10.5;
        for b in &c.bars {
            self.ensure(row_h);
            let top = self.y;
            let label = self.m.wrap(Face::Regular, SMALL, &b.label, label_w - 4.0);
            self.text(MARGIN, top - 8.0, SMALL, Face::Regular, INK, &label[0]);
            let x0 = MARGIN + label_w;
            if let Some((min, max)) = b.target {
                let (x, w) = (
                    x0 + min / scale_max * bar_w,
                    ((max - min) / scale_max * bar_w).max(1.5),
                );
                self.page().push(Mark::Fill {
                    x,
                    y: top - row_h + 1.0,
                    w,
                    h: row_h - 2.0,
                    color: TARGET,
                });
            }
            let color = if b.within_target() { OK } else { OFF };
            let w = (b.value / scale_max * bar_w).max(0.8);
            self.page().push(Mark::Fill {
                x: x0,
                y: top - row_h + 3.0,
                w,
                h: row_h - 6.0,
                color,
            });
            self.text(
                x0 + bar_w + 8.0,
                top - 8.0,
                SMALL,
                Face::Regular,
                if b.within_target() { INK } else { OFF },
                &b.caption,
            );
            self.y -= row_h;
        }
        if !c.legend.is_empty() {
            self.y -= 2.0;
            let lines = self.m.wrap(Face::Italic, SMALL, &c.legend, CONTENT_W);
            self.lines(&lines, MARGIN, SMALL, Face::Italic, GREY);
        }
        self.y -= 6.0;
    }
}

/// Lays the document out; returns the text of every page as drawn, for tests and
/// for the PDF writer.
fn lay_out(doc: &Document, m: &Metrics) -> Vec<Vec<Mark>> {
    let mut flow = Flow {
        m,
        pages: vec![Vec::new()],
        y: TOP,
    };
    let title = m.wrap(Face::Bold, 18.0, &doc.title, CONTENT_W);
    flow.lines(&title, MARGIN, 18.0, Face::Bold, INK);
    if !doc.subtitle.is_empty() {
        let sub = m.wrap(Face::Regular, 11.0, &doc.subtitle, CONTENT_W);
        flow.lines(&sub, MARGIN, 11.0, Face::Regular, GREY);
    }
    flow.y -= 6.0;
    for block in &doc.blocks {
        match block {
            Block::Heading(level, s) => flow.heading(*level, s),
            Block::Paragraph(s) => flow.paragraph(s, Face::Regular, INK),
            Block::Note(s) => flow.paragraph(s, Face::Italic, GREY),
            Block::KeyValues(pairs) => flow.key_values(pairs),
            Block::Table(t) => flow.table(t),
            Block::Chart(c) => flow.chart(c),
            Block::PageBreak => flow.new_page(),
        }
    }
    // Second pass: header and footer, now that the page count is known.
    let total = flow.pages.len();
    let generated = format!("Document généré le {}", text::date_long(doc.generated_on));
    for (i, page) in flow.pages.iter_mut().enumerate() {
        if let Some(w) = &doc.watermark {
            // Behind everything else on the page, across its diagonal.
            let size = 72.0;
            let len = m.width(Face::Bold, size, w);
            let angle = 45.0_f32;
            let (cos, sin) = (angle.to_radians().cos(), angle.to_radians().sin());
            page.insert(
                0,
                Mark::Turned {
                    x: PAGE_W / 2.0 - len / 2.0 * cos + size / 3.0 * sin,
                    y: PAGE_H / 2.0 - len / 2.0 * sin - size / 3.0 * cos,
                    size,
                    angle,
                    color: WATERMARK,
                    text: w.clone(),
                },
            );
        }
        if let Some(stamp) = &doc.stamp {
            let w = m.width(Face::Bold, SMALL, stamp);
            page.push(Mark::Text {
                x: PAGE_W / 2.0 - w / 2.0,
                y: MARGIN - 8.0,
                size: SMALL,
                face: Face::Bold,
                color: OK,
                text: stamp.clone(),
            });
        }
        let head_y = PAGE_H - MARGIN + 2.0;
        page.push(Mark::Text {
            x: MARGIN,
            y: head_y,
            size: SMALL,
            face: Face::Bold,
            color: ACCENT,
            text: doc.letterhead.clone(),
        });
        // The title on the right of the header, shortened to the room left.
        let room = CONTENT_W - m.width(Face::Bold, SMALL, &doc.letterhead) - 20.0;
        let head = m.fit(Face::Regular, SMALL, &doc.title, room);
        if !head.is_empty() {
            let w = m.width(Face::Regular, SMALL, &head);
            page.push(Mark::Text {
                x: MARGIN + CONTENT_W - w,
                y: head_y,
                size: SMALL,
                face: Face::Regular,
                color: GREY,
                text: head,
            });
        }
        page.push(hline(head_y - 4.0, 0.8, ACCENT));
        let foot_y = MARGIN - 8.0;
        page.push(hline(foot_y + 10.0, 0.4, RULE));
        page.push(Mark::Text {
            x: MARGIN,
            y: foot_y,
            size: SMALL,
            face: Face::Regular,
            color: GREY,
            text: generated.clone(),
        });
        let number = format!("page {} / {}", i + 1, total);
        let w = m.width(Face::Regular, SMALL, &number);
        page.push(Mark::Text {
            x: MARGIN + CONTENT_W - w,
            y: foot_y,
            size: SMALL,
            face: Face::Regular,
            color: GREY,
            text: number,
        });
    }
    flow.pages
}

fn color(c: Rgb8) -> Color {
    Color::Rgb(Rgb {
        r: c.0 as f32 / 255.0,
        g: c.1 as f32 / 255.0,
        b: c.2 as f32 / 255.0,
        icc_profile: None,
    })
}

fn ops(marks: &[Mark], fonts: &[FontId; 3]) -> Vec<Op> {
    let mut ops = Vec::new();
    for mark in marks {
        match mark {
            Mark::Text {
                x,
                y,
                size,
                face,
                color: c,
                text,
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(fonts[*face as usize].clone()),
                    size: Pt(*size),
                });
                ops.push(Op::SetTextCursor {
                    pos: Point {
                        x: Pt(*x),
                        y: Pt(*y),
                    },
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Mark::Turned {
                x,
                y,
                size,
                angle,
                color: c,
                text,
            } => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(fonts[Face::Bold as usize].clone()),
                    size: Pt(*size),
                });
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::TranslateRotate(Pt(*x), Pt(*y), *angle),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Mark::Fill {
                x,
                y,
                w,
                h,
                color: c,
            } => {
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(*y),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(PaintMode::Fill),
                        winding_order: Some(WindingOrder::NonZero),
                    },
                });
            }
            Mark::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                color: c,
            } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                let p = |x: f32, y: f32| LinePoint {
                    p: Point { x: Pt(x), y: Pt(y) },
                    bezier: false,
                };
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![p(*x1, *y1), p(*x2, *y2)],
                        is_closed: false,
                    },
                });
            }
        }
    }
    ops
}

/// Renders a document to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let metrics = Metrics::load()?;
    let pages = lay_out(doc, &metrics);
    let mut pdf = PdfDocument::new(&doc.title);
    let mut warnings = Vec::new();
    let mut font = |bytes: &[u8]| {
        ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .map(|f| pdf.add_font(&f))
            .ok_or_else(|| ReportError::Font("DejaVu Sans".into()))
    };
    let fonts = [
        font(assets::FONT_REGULAR)?,
        font(assets::FONT_BOLD)?,
        font(assets::FONT_ITALIC)?,
    ];
    let pdf_pages = pages
        .iter()
        .map(|marks| PdfPage::new(printpdf::Mm(210.0), printpdf::Mm(297.0), ops(marks, &fonts)))
        .collect();
    let mut save_warnings = Vec::new();
    Ok(pdf
        .with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut save_warnings))
}

/// The text lines of each page as laid out (for tests: what a reader would extract).
pub fn page_texts(doc: &Document) -> Result<Vec<Vec<String>>, ReportError> {
    let metrics = Metrics::load()?;
    Ok(lay_out(doc, &metrics)
        .into_iter()
        .map(|marks| {
            marks
                .into_iter()
                .filter_map(|m| match m {
                    Mark::Text { text, .. } | Mark::Turned { text, .. } => Some(text),
                    _ => None,
                })
                .collect()
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            letterhead: "Ville de Grenoble — Mission Démocratie locale".into(),
            title: "Essai".into(),
            subtitle: String::new(),
            generated_on: NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            blocks,
            watermark: None,
            stamp: None,
        }
    }

    #[test]
    fn wrap_keeps_every_word_and_respects_width() {
        let m = Metrics::load().unwrap();
        let s = "Les membres du panel ont travaillé\u{202F}; la Ville répondra à chaque proposition avant l’été.";
        let lines = m.wrap(Face::Regular, 10.0, s, 120.0);
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|l| m.width(Face::Regular, 10.0, l) <= 120.0)
        );
        assert_eq!(lines.join(" "), s);
        // A word longer than the line is cut, not lost.
        let long = "a".repeat(200);
        assert_eq!(m.wrap(Face::Regular, 10.0, &long, 50.0).concat(), long);
    }

    #[test]
    fn long_table_repeats_its_header_and_numbers_pages() {
        let rows = (1..=120)
            .map(|i| vec![format!("Ligne {i}"), "x".into()])
            .collect();
        let d = doc(vec![Block::Table(Table {
            columns: vec![("Intitulé".into(), 3.0), ("Valeur".into(), 1.0)],
            rows,
            ..Table::default()
        })]);
        let pages = page_texts(&d).unwrap();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let n = pages.len();
        for (i, page) in pages.iter().enumerate() {
            assert!(
                page.contains(&"Intitulé".to_string()),
                "header on page {}",
                i + 1
            );
            assert!(page.contains(&format!("page {} / {n}", i + 1)));
        }
        let all: Vec<&String> = pages.iter().flatten().collect();
        for i in 1..=120 {
            assert!(all.contains(&&format!("Ligne {i}")), "row {i} kept");
        }
    }
}
