//! A small flow layout over printpdf: A4, 20 mm margins, a header with the letterhead
//! and the document title, a footer with the generation date and "page n / N";
//! headings, wrapped paragraphs, key–value lists, tables that break across pages with
//! their header repeated, horizontal bar charts. A long document (a dossier, a report)
//! adds a cover page, sections that each start a page, a sommaire whose page numbers
//! come from a first layout pass, and PDF bookmarks for its sections.
//!
//! Documents describe themselves with [`Document`] and [`Block`]; only [`render`]
//! touches printpdf, so another back end can be added without touching the documents.

use chrono::NaiveDate;
use printpdf::{
    Color, FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, Rgb, TextItem, TextMatrix, WindingOrder, XObjectId,
    XObjectTransform,
};

use super::ReportError;
use crate::assets;
use crate::domain::text;

/// A document to lay out.
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// A cover page in place of the title at the top of the first page.
    pub cover: Option<Cover>,
}

/// The cover page of a long document: its title and subtitle, then these facts, then a
/// closing line (« Dossier établi le … »).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cover {
    /// Above the title, in small capitals' place (« Dossier de convention »).
    pub kind: String,
    pub facts: Vec<(String, String)>,
    pub closing: String,
    /// The organisation's logo (PNG or JPEG bytes), above the letterhead.
    pub logo: Option<Vec<u8>>,
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Level 1 or 2.
    Heading(u8, String),
    Paragraph(String),
    /// A paragraph in italics (notes, sources).
    Note(String),
    /// A bulleted list, one item per string.
    List(Vec<String>),
    /// Label → value lines.
    KeyValues(Vec<(String, String)>),
    Table(Table),
    Chart(BarChart),
    PageBreak,
    /// A section of a long document: starts a new page with a level-1 heading, is
    /// listed in the sommaire and bookmarked in the PDF.
    Section(String),
    /// The sommaire: every section with the page it starts on.
    Contents,
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
    /// The cover's logo, its lower-left corner at (x, y).
    Logo { x: f32, y: f32, w: f32, h: f32 },
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

/// The widths of a table's columns in points, from their weights.
fn column_widths(t: &Table) -> Vec<f32> {
    let total: f32 = t.columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
    t.columns.iter().map(|c| c.1 / total * CONTENT_W).collect()
}

/// The height of one bar of a chart.
const CHART_ROW: f32 = 10.5;

/// Where a chart's parts go: labels on the left (30 %), bars, captions on the right as
/// wide as the widest caption (17 % to 40 % of the width), the scale's largest value.
struct Geometry {
    label_w: f32,
    bar_w: f32,
    scale_max: f32,
}

impl Geometry {
    fn of(c: &BarChart, m: &Metrics) -> Geometry {
        let label_w = CONTENT_W * 0.30;
        let widest = c
            .bars
            .iter()
            .map(|b| m.width(Face::Regular, SMALL, &b.caption))
            .fold(0.0_f32, f32::max);
        let caption_w = (widest + 4.0).clamp(CONTENT_W * 0.17, CONTENT_W * 0.40);
        Geometry {
            label_w,
            bar_w: CONTENT_W - label_w - caption_w - 8.0,
            scale_max: c
                .bars
                .iter()
                .map(|b| b.value.max(b.target.map_or(0.0, |t| t.1)))
                .fold(1.0_f32, f32::max),
        }
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
    /// Each section laid out so far, with its page (1-based).
    sections: Vec<(String, usize)>,
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

    /// A heading, kept on the same page as the first `keep` points of what follows.
    fn heading(&mut self, level: u8, s: &str, keep: f32) {
        let (size, gap) = if level <= 1 {
            (13.5, 10.0)
        } else {
            (11.0, 6.0)
        };
        let lines = self.m.wrap(Face::Bold, size, s, CONTENT_W);
        self.ensure(gap + lines.len() as f32 * size * 1.38 + 4.0 + keep);
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

    /// A section: a fresh page (unless this one is still empty), its heading, and its
    /// page noted for the sommaire and the bookmarks.
    fn section(&mut self, title: &str, keep: f32) {
        if self.y < TOP {
            self.new_page();
        }
        self.sections.push((title.to_string(), self.pages.len()));
        self.heading(1, title, keep);
    }

    /// The sommaire: one line per section, its title, dot leaders and its page
    /// (`None` on the first pass, when pages are not known yet).
    fn contents(&mut self, titles: &[String], pages: Option<&[usize]>) {
        self.heading(1, "Sommaire", BODY * 1.6);
        let lh = BODY * 1.6;
        let number_w = 24.0;
        for (i, title) in titles.iter().enumerate() {
            let page = pages
                .and_then(|p| p.get(i))
                .map_or_else(|| "…".to_string(), |p| p.to_string());
            let lines = self
                .m
                .wrap(Face::Regular, BODY, title, CONTENT_W - number_w - 12.0);
            self.ensure(lines.len() as f32 * lh);
            for (j, line) in lines.iter().enumerate() {
                let baseline = self.y - BODY;
                self.text(MARGIN, baseline, BODY, Face::Regular, INK, line);
                if j + 1 == lines.len() {
                    let end = MARGIN + self.m.width(Face::Regular, BODY, line) + 4.0;
                    let w = self.m.width(Face::Regular, BODY, &page);
                    let right = MARGIN + CONTENT_W;
                    let dot = self.m.width(Face::Regular, BODY, ".");
                    let room = right - w - 4.0 - end;
                    if room > dot {
                        let dots = ".".repeat((room / dot) as usize);
                        let dw = self.m.width(Face::Regular, BODY, &dots);
                        self.text(
                            right - w - 4.0 - dw,
                            baseline,
                            BODY,
                            Face::Regular,
                            GREY,
                            &dots,
                        );
                    }
                    self.text(right - w, baseline, BODY, Face::Regular, INK, &page);
                }
                self.y -= lh;
            }
        }
        self.y -= 6.0;
    }

    /// The least height of `block` that must follow a heading on its page: a heading
    /// never ends a page alone.
    fn keep_height(&self, block: Option<&Block>) -> f32 {
        let lh = BODY * 1.38;
        match block {
            Some(Block::Paragraph(s) | Block::Note(s)) => {
                let n = self.m.wrap(Face::Regular, BODY, s, CONTENT_W).len().min(3);
                n as f32 * lh
            }
            Some(Block::KeyValues(pairs)) => self.key_values_keep(pairs),
            Some(Block::Table(t)) => {
                let widths = column_widths(t);
                let titles: Vec<String> = t.columns.iter().map(|c| c.0.clone()).collect();
                let header = self.wrap_row(&widths, Face::Bold, &titles, 0.0).height;
                let first = t.rows.first().map_or(0.0, |r| {
                    self.wrap_row(&widths, Face::Regular, r, t.min_row_height)
                        .height
                });
                header + first
            }
            Some(Block::Chart(c)) => c.bars.len().min(3) as f32 * CHART_ROW,
            Some(Block::List(items)) => items.first().map_or(0.0, |i| {
                let n = self.m.wrap(Face::Regular, BODY, i, CONTENT_W - 12.0).len();
                n.min(3) as f32 * lh
            }),
            Some(Block::Heading(level, s)) => {
                let size = if *level <= 1 { 13.5 } else { 11.0 };
                self.m.wrap(Face::Bold, size, s, CONTENT_W).len() as f32 * size * 1.38 + 10.0
            }
            _ => 0.0,
        }
    }

    /// A bulleted list: each item wrapped beside its bullet, kept whole on a page.
    fn list(&mut self, items: &[String]) {
        let indent = 12.0;
        let lh = BODY * 1.38;
        for item in items {
            let lines = self.m.wrap(Face::Regular, BODY, item, CONTENT_W - indent);
            self.ensure(lines.len() as f32 * lh);
            let baseline = self.y - BODY;
            self.text(MARGIN + 2.0, baseline, BODY, Face::Regular, ACCENT, "•");
            self.lines(&lines, MARGIN + indent, BODY, Face::Regular, INK);
            self.y -= 2.0;
        }
        self.y -= 4.0;
    }

    fn paragraph(&mut self, s: &str, face: Face, color: Rgb8) {
        let lines = self.m.wrap(face, BODY, s, CONTENT_W);
        self.lines(&lines, MARGIN, BODY, face, color);
        self.y -= 5.0;
    }

    /// The height of each label–value pair.
    fn pair_heights(&self, pairs: &[(String, String)]) -> Vec<f32> {
        let key_w = CONTENT_W * 0.30;
        pairs
            .iter()
            .map(|(k, v)| {
                let n = self
                    .m
                    .wrap(Face::Bold, BODY, k, key_w - 6.0)
                    .len()
                    .max(self.m.wrap(Face::Regular, BODY, v, CONTENT_W - key_w).len());
                n as f32 * BODY * 1.38 + 2.0
            })
            .collect()
    }

    /// The least of a key–value list that must stay on one page: all of it when it is
    /// short (a third of a page), else its first pair.
    fn key_values_keep(&self, pairs: &[(String, String)]) -> f32 {
        let heights = self.pair_heights(pairs);
        let total: f32 = heights.iter().sum();
        if total <= (TOP - BOTTOM) / 3.0 {
            total
        } else {
            heights.first().copied().unwrap_or(0.0)
        }
    }

    fn key_values(&mut self, pairs: &[(String, String)]) {
        let keep = self.key_values_keep(pairs);
        self.ensure(keep);
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
        let widths = column_widths(t);
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
        let Geometry {
            label_w,
            bar_w,
            scale_max,
        } = Geometry::of(c, self.m);
        let row_h = CHART_ROW;
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

/// The pages of a document as laid out, and where each of its sections starts.
struct Laid {
    pages: Vec<Vec<Mark>>,
    /// Each section's title and page (1-based), in order: the bookmarks.
    sections: Vec<(String, usize)>,
}

/// Lays the document out. A document with a sommaire is laid out twice: the first pass
/// finds the page each section starts on, the second prints those pages in the
/// sommaire (which takes the same room both times, so the pages do not move).
fn lay_out(doc: &Document, m: &Metrics, logo: Option<(usize, usize)>) -> Laid {
    let first = lay_out_once(doc, m, None, logo);
    if !doc.blocks.contains(&Block::Contents) {
        return first;
    }
    let pages: Vec<usize> = first.sections.iter().map(|s| s.1).collect();
    let second = lay_out_once(doc, m, Some(&pages), logo);
    debug_assert_eq!(
        second.sections, first.sections,
        "the sommaire moved the sections"
    );
    second
}

/// One layout pass; `section_pages` fills the sommaire's numbers.
fn lay_out_once(
    doc: &Document,
    m: &Metrics,
    section_pages: Option<&[usize]>,
    logo: Option<(usize, usize)>,
) -> Laid {
    let mut flow = Flow {
        m,
        pages: vec![Vec::new()],
        y: TOP,
        sections: Vec::new(),
    };
    let opens_with_section = matches!(doc.blocks.first(), Some(Block::Section(_)));
    match &doc.cover {
        Some(cover) => lay_out_cover(&mut flow, doc, cover, logo),
        // A document made of sections (one attestation per page) has its title in its
        // header and its metadata only.
        None if opens_with_section => {}
        None => {
            let title = m.wrap(Face::Bold, 18.0, &doc.title, CONTENT_W);
            flow.lines(&title, MARGIN, 18.0, Face::Bold, INK);
            if !doc.subtitle.is_empty() {
                let sub = m.wrap(Face::Regular, 11.0, &doc.subtitle, CONTENT_W);
                flow.lines(&sub, MARGIN, 11.0, Face::Regular, GREY);
            }
            flow.y -= 6.0;
        }
    }
    let titles: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Section(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for (i, block) in doc.blocks.iter().enumerate() {
        let next = doc.blocks.get(i + 1);
        match block {
            Block::Heading(level, s) => {
                let keep = flow.keep_height(next);
                flow.heading(*level, s, keep)
            }
            Block::Section(s) => {
                let keep = flow.keep_height(next);
                flow.section(s, keep)
            }
            Block::Contents => flow.contents(&titles, section_pages),
            Block::Paragraph(s) => flow.paragraph(s, Face::Regular, INK),
            Block::Note(s) => flow.paragraph(s, Face::Italic, GREY),
            Block::KeyValues(pairs) => flow.key_values(pairs),
            Block::List(items) => flow.list(items),
            Block::Table(t) => flow.table(t),
            Block::Chart(c) => flow.chart(c),
            Block::PageBreak => flow.new_page(),
        }
    }
    let sections = std::mem::take(&mut flow.sections);
    let mut pages = flow.pages;
    decorate(doc, m, &mut pages);
    Laid { pages, sections }
}

/// The cover: the letterhead, the kind of document, its title and subtitle, its facts,
/// and the closing line at the bottom; what follows starts on the next page.
fn lay_out_cover(flow: &mut Flow, doc: &Document, cover: &Cover, logo: Option<(usize, usize)>) {
    let m = flow.m;
    flow.y = PAGE_H - 2.0 * MARGIN;
    // The logo, in a 60 × 22 mm box, its proportions kept.
    if let Some((pw, ph)) = logo.filter(|(w, h)| *w > 0 && *h > 0) {
        let scale = (60.0 * MM / pw as f32).min(22.0 * MM / ph as f32);
        let (w, h) = (pw as f32 * scale, ph as f32 * scale);
        let y = flow.y - h;
        flow.page().push(Mark::Logo { x: MARGIN, y, w, h });
        flow.y -= h + 6.0 * MM;
    }
    let letterhead = m.wrap(Face::Bold, 12.0, &doc.letterhead, CONTENT_W);
    flow.lines(&letterhead, MARGIN, 12.0, Face::Bold, ACCENT);
    let y = flow.y - 4.0;
    flow.page().push(hline(y, 1.2, ACCENT));
    flow.y = PAGE_H * 0.62;
    if !cover.kind.is_empty() {
        let kind = m.wrap(Face::Regular, 13.0, &cover.kind.to_uppercase(), CONTENT_W);
        flow.lines(&kind, MARGIN, 13.0, Face::Regular, GREY);
        flow.y -= 6.0;
    }
    let title = m.wrap(Face::Bold, 24.0, &doc.title, CONTENT_W);
    flow.lines(&title, MARGIN, 24.0, Face::Bold, INK);
    if !doc.subtitle.is_empty() {
        flow.y -= 4.0;
        let sub = m.wrap(Face::Regular, 13.0, &doc.subtitle, CONTENT_W);
        flow.lines(&sub, MARGIN, 13.0, Face::Regular, GREY);
    }
    flow.y -= 18.0;
    flow.key_values(&cover.facts);
    if !cover.closing.is_empty() {
        let closing = m.wrap(Face::Italic, BODY, &cover.closing, CONTENT_W);
        flow.y = MARGIN + 2.0 * BODY * 1.38 + closing.len() as f32 * BODY * 1.38;
        flow.lines(&closing, MARGIN, BODY, Face::Italic, GREY);
    }
    flow.new_page();
}

/// Header and footer on every page, now that the page count is known (none on a cover).
fn decorate(doc: &Document, m: &Metrics, pages: &mut [Vec<Mark>]) {
    let total = pages.len();
    let generated = format!("Document généré le {}", text::date_long(doc.generated_on));
    for (i, page) in pages.iter_mut().enumerate() {
        if i == 0 && doc.cover.is_some() {
            continue;
        }
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
            // Centred, but never over the generation date on its left.
            let w = m.width(Face::Bold, SMALL, stamp);
            let after_date = MARGIN + m.width(Face::Regular, SMALL, &generated) + 12.0;
            page.push(Mark::Text {
                x: (PAGE_W / 2.0 - w / 2.0).max(after_date),
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
}

fn color(c: Rgb8) -> Color {
    Color::Rgb(Rgb {
        r: c.0 as f32 / 255.0,
        g: c.1 as f32 / 255.0,
        b: c.2 as f32 / 255.0,
        icc_profile: None,
    })
}

fn ops(marks: &[Mark], fonts: &[FontId; 3], logo: Option<&(XObjectId, usize, usize)>) -> Vec<Op> {
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
            Mark::Logo { x, y, w, h } => {
                let Some((id, pw, ph)) = logo else { continue };
                // At 72 dpi an image is as many points wide as it has pixels.
                ops.push(Op::UseXobject {
                    id: id.clone(),
                    transform: XObjectTransform {
                        translate_x: Some(Pt(*x)),
                        translate_y: Some(Pt(*y)),
                        scale_x: Some(w / *pw as f32),
                        scale_y: Some(h / *ph as f32),
                        dpi: Some(72.0),
                        ..XObjectTransform::default()
                    },
                });
            }
        }
    }
    ops
}

/// A bar chart as an SVG picture (for the OpenDocument version), drawn as the PDF
/// draws it; returns the SVG and its height in points (its width is the content width,
/// 17 cm).
pub(super) fn chart_svg(c: &BarChart) -> std::io::Result<(Vec<u8>, f32)> {
    use quick_xml::events::BytesText;
    let m = Metrics::load().map_err(|e| std::io::Error::other(e.to_string()))?;
    let Geometry {
        label_w,
        bar_w,
        scale_max,
    } = Geometry::of(c, &m);
    let height = c.bars.len() as f32 * CHART_ROW + 2.0;
    let hex = |c: Rgb8| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2);
    let mut w = quick_xml::Writer::new(Vec::new());
    let rect = |w: &mut quick_xml::Writer<Vec<u8>>, x: f32, y: f32, wd: f32, h: f32, fill: Rgb8| {
        w.create_element("rect")
            .with_attributes([
                ("x", format!("{x:.1}").as_str()),
                ("y", format!("{y:.1}").as_str()),
                ("width", format!("{wd:.1}").as_str()),
                ("height", format!("{h:.1}").as_str()),
                ("fill", hex(fill).as_str()),
            ])
            .write_empty()
            .map(|_| ())
    };
    let label = |w: &mut quick_xml::Writer<Vec<u8>>, x: f32, y: f32, color: Rgb8, s: &str| {
        w.create_element("text")
            .with_attributes([
                ("x", format!("{x:.1}").as_str()),
                ("y", format!("{y:.1}").as_str()),
                ("font-family", "DejaVu Sans, sans-serif"),
                ("font-size", format!("{SMALL}").as_str()),
                ("fill", hex(color).as_str()),
            ])
            .write_text_content(BytesText::new(s))
            .map(|_| ())
    };
    w.create_element("svg")
        .with_attributes([
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("width", format!("{CONTENT_W:.1}pt").as_str()),
            ("height", format!("{height:.1}pt").as_str()),
            (
                "viewBox",
                format!("0 0 {CONTENT_W:.1} {height:.1}").as_str(),
            ),
        ])
        .write_inner_content(|w| {
            for (i, b) in c.bars.iter().enumerate() {
                let top = i as f32 * CHART_ROW;
                let name = m.fit(Face::Regular, SMALL, &b.label, label_w - 4.0);
                label(w, 0.0, top + 8.0, INK, &name)?;
                if let Some((min, max)) = b.target {
                    let x = label_w + min / scale_max * bar_w;
                    let wd = ((max - min) / scale_max * bar_w).max(1.5);
                    rect(w, x, top + 1.0, wd, CHART_ROW - 2.0, TARGET)?;
                }
                let ok = b.within_target();
                let wd = (b.value / scale_max * bar_w).max(0.8);
                rect(
                    w,
                    label_w,
                    top + 3.0,
                    wd,
                    CHART_ROW - 6.0,
                    if ok { OK } else { OFF },
                )?;
                label(
                    w,
                    label_w + bar_w + 8.0,
                    top + 8.0,
                    if ok { INK } else { OFF },
                    &b.caption,
                )?;
            }
            Ok(())
        })?;
    Ok((w.into_inner(), height))
}

/// Renders a document to PDF bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let metrics = Metrics::load()?;
    let mut pdf = PdfDocument::new(&doc.title);
    let logo = logo_image(doc).map(|img| {
        let (w, h) = (img.width, img.height);
        (pdf.add_image(&img), w, h)
    });
    let laid = lay_out(doc, &metrics, logo.as_ref().map(|l| (l.1, l.2)));
    let info = &mut pdf.metadata.info;
    info.author = doc.letterhead.clone();
    info.creator = "Agora".into();
    info.subject = doc.subtitle.clone();
    let day = doc
        .generated_on
        .and_hms_opt(0, 0, 0)
        .map_or(0, |d| d.and_utc().timestamp());
    if let Ok(date) = printpdf::OffsetDateTime::from_unix_timestamp(day) {
        info.creation_date = date;
        info.modification_date = date;
        info.metadata_date = date;
    }
    for (title, page) in &laid.sections {
        pdf.add_bookmark(title, *page);
    }
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
    let pdf_pages = laid
        .pages
        .iter()
        .map(|marks| {
            PdfPage::new(
                printpdf::Mm(210.0),
                printpdf::Mm(297.0),
                ops(marks, &fonts, logo.as_ref()),
            )
        })
        .collect();
    let mut save_warnings = Vec::new();
    let bytes = pdf
        .with_pages(pdf_pages)
        .save(&PdfSaveOptions::default(), &mut save_warnings);
    in_french(&bytes).map_err(|e| ReportError::Pdf(e.to_string()))
}

/// The cover's logo decoded; a logo that does not decode is left out (the document
/// still prints) and the support log says so.
fn logo_image(doc: &Document) -> Option<RawImage> {
    let bytes = doc.cover.as_ref()?.logo.as_ref()?;
    match RawImage::decode_from_bytes(bytes, &mut Vec::new()) {
        Ok(img) => Some(img),
        Err(e) => {
            tracing::warn!(error = %e, "logo not decoded");
            None
        }
    }
}

/// The size in pixels of a logo file, or why it cannot be printed.
pub fn logo_size(bytes: &[u8]) -> Result<(usize, usize), String> {
    RawImage::decode_from_bytes(bytes, &mut Vec::new()).map(|i| (i.width, i.height))
}

/// Declares the document's language (fr-FR, read aloud in French by a screen reader)
/// and asks viewers to show its title rather than its file name: two entries of the
/// PDF catalogue printpdf does not write.
fn in_french(bytes: &[u8]) -> Result<Vec<u8>, lopdf::Error> {
    let mut pdf = lopdf::Document::load_mem(bytes)?;
    let catalog = pdf.catalog_mut()?;
    catalog.set("Lang", lopdf::Object::string_literal("fr-FR"));
    catalog.set(
        "ViewerPreferences",
        lopdf::dictionary! { "DisplayDocTitle" => true },
    );
    let mut out = Vec::with_capacity(bytes.len());
    pdf.save_to(&mut out)?;
    Ok(out)
}

/// The text lines of each page as laid out (for tests: what a reader would extract).
pub fn page_texts(doc: &Document) -> Result<Vec<Vec<String>>, ReportError> {
    let metrics = Metrics::load()?;
    let logo = logo_image(doc).map(|i| (i.width, i.height));
    Ok(lay_out(doc, &metrics, logo)
        .pages
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
            cover: None,
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

    #[test]
    fn a_heading_never_ends_a_page_without_what_follows() {
        // Fill a page to just above its bottom for every offset, then a heading and a
        // table with a tall first row (room to sign): the heading and the table's header
        // and first row share a page.
        for filler in 30..48 {
            let mut blocks: Vec<Block> = (0..filler)
                .map(|i| Block::Paragraph(format!("Ligne {i}")))
                .collect();
            blocks.push(Block::Heading(2, "Tableau final".into()));
            blocks.push(Block::Table(Table {
                columns: vec![("Colonne".into(), 1.0)],
                rows: vec![vec!["Première ligne".into()]],
                min_row_height: 60.0,
                ..Table::default()
            }));
            let pages = page_texts(&doc(blocks)).unwrap();
            let heading = pages
                .iter()
                .position(|p| p.contains(&"Tableau final".to_string()))
                .unwrap();
            assert!(
                pages[heading].contains(&"Première ligne".to_string()),
                "filler {filler}: heading alone on page {}",
                heading + 1
            );
        }
    }

    #[test]
    fn the_sommaire_gives_the_page_each_section_starts_on() {
        let mut blocks = vec![Block::Contents];
        for s in ["Première", "Deuxième", "Troisième"] {
            blocks.push(Block::Section(s.into()));
            blocks.extend((0..70).map(|i| Block::Paragraph(format!("{s} {i}"))));
        }
        let mut d = doc(blocks);
        d.cover = Some(Cover {
            kind: "Dossier".into(),
            facts: vec![("Thème".into(), "Essai".into())],
            closing: "Établi pour l'essai.".into(),
            logo: None,
        });
        let pages = page_texts(&d).unwrap();
        assert!(pages[0].contains(&"DOSSIER".to_string()));
        assert!(
            !pages[0].iter().any(|l| l.starts_with("page ")),
            "no footer on the cover"
        );
        let contents = &pages[1];
        assert_eq!(contents[0], "Sommaire");
        let m = Metrics::load().unwrap();
        let laid = lay_out(&d, &m, None);
        assert_eq!(laid.sections.len(), 3);
        for (title, page) in &laid.sections {
            assert_eq!(&pages[page - 1][0], title, "{title} opens page {page}");
            assert!(
                contents.contains(&page.to_string()),
                "the sommaire prints {page} for {title}: {contents:?}"
            );
        }
        assert!(
            laid.sections[1].1 > laid.sections[0].1 + 1,
            "sections span pages"
        );
    }
}
