//! The same documents as OpenDocument text (.odt): the accessible, editable version
//! (RGAA 13.3, RGI v2). Written from the layout's [`Document`] — a document is defined
//! once and rendered twice — with real heading styles (« Titre 1, 2 »), tables whose
//! header row is marked as such, charts as SVG pictures whose text alternative states
//! their figures, a sommaire LibreOffice can refresh, and the language fr-FR.
//!
//! An .odt file is a zip: `mimetype` first and stored, then the XML parts.

use std::io::{Cursor, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};
use zip::write::SimpleFileOptions;

use super::ReportError;
use super::layout::{BarChart, Block, Document, Table, chart_svg, logo_size};
use crate::domain::logo::ImageKind;
use crate::domain::text;

/// The package's media type, stored first and uncompressed (how a reader recognises it).
pub const MIME: &str = "application/vnd.oasis.opendocument.text";
const VERSION: &str = "1.3";

type Xml = Writer<Vec<u8>>;
type XmlResult = std::io::Result<()>;

const NAMESPACES: [(&str, &str); 10] = [
    (
        "xmlns:office",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    ),
    (
        "xmlns:style",
        "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    ),
    (
        "xmlns:text",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    ),
    (
        "xmlns:table",
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    ),
    (
        "xmlns:draw",
        "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    ),
    (
        "xmlns:fo",
        "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    ),
    ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
    (
        "xmlns:svg",
        "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    ),
    ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
    (
        "xmlns:meta",
        "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    ),
];

/// Renders a document as .odt bytes.
pub fn render(doc: &Document) -> Result<Vec<u8>, ReportError> {
    let odt = |e: std::io::Error| ReportError::Odt(e.to_string());
    let mut body = Body::default();
    let content = body.content(doc).map_err(odt)?;
    let styles = styles(doc).map_err(odt)?;
    let meta = meta(doc).map_err(odt)?;
    let manifest = manifest(&body.pictures).map_err(odt)?;

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let zipped = |e: zip::result::ZipError| ReportError::Odt(e.to_string());
    zip.start_file("mimetype", stored).map_err(zipped)?;
    zip.write_all(MIME.as_bytes()).map_err(odt)?;
    for (name, bytes) in [
        ("content.xml", &content),
        ("styles.xml", &styles),
        ("meta.xml", &meta),
        ("META-INF/manifest.xml", &manifest),
    ] {
        zip.start_file(name, deflated).map_err(zipped)?;
        zip.write_all(bytes).map_err(odt)?;
    }
    for (name, _, bytes) in &body.pictures {
        zip.start_file(format!("Pictures/{name}"), deflated)
            .map_err(zipped)?;
        zip.write_all(bytes).map_err(odt)?;
    }
    Ok(zip.finish().map_err(zipped)?.into_inner())
}

/// A new XML part with its declaration.
fn part() -> std::io::Result<Xml> {
    let mut w = Writer::new(Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    Ok(w)
}

/// `<text:p text:style-name="style">text</text:p>`, a line break for each `\n`.
fn paragraph(w: &mut Xml, style: &str, s: &str) -> XmlResult {
    w.create_element("text:p")
        .with_attribute(("text:style-name", style))
        .write_inner_content(|w| lines(w, s))?;
    Ok(())
}

/// Text with its `\n` as line breaks.
fn lines(w: &mut Xml, s: &str) -> XmlResult {
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            w.create_element("text:line-break").write_empty()?;
        }
        w.write_event(Event::Text(BytesText::new(line)))?;
    }
    Ok(())
}

/// The body being written, and the pictures it refers to.
#[derive(Default)]
struct Body {
    tables: usize,
    /// File name in `Pictures/`, media type and bytes.
    pictures: Vec<(String, &'static str, Vec<u8>)>,
}

impl Body {
    fn content(&mut self, doc: &Document) -> std::io::Result<Vec<u8>> {
        let mut w = part()?;
        let mut root = w
            .create_element("office:document-content")
            .with_attribute(("office:version", VERSION));
        for ns in NAMESPACES {
            root = root.with_attribute(ns);
        }
        root.write_inner_content(|w| {
            w.create_element("office:automatic-styles")
                .write_inner_content(|w| self.automatic_styles(w, doc))?;
            w.create_element("office:body").write_inner_content(|w| {
                w.create_element("office:text")
                    .write_inner_content(|w| self.text(w, doc))?;
                Ok(())
            })?;
            Ok(())
        })?;
        Ok(w.into_inner())
    }

    /// A page break before sections, cells, the charts' frames, and a column style per
    /// table column (and a row height where a table asks for room).
    fn automatic_styles(&self, w: &mut Xml, doc: &Document) -> XmlResult {
        for (name, family, parent, properties, attributes) in AUTOMATIC_STYLES {
            style(w, name, family, *parent, properties, attributes)?;
        }
        let mut n = 0;
        for block in &doc.blocks {
            if let Block::Table(t) = block {
                n += 1;
                let total: f32 = t.columns.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
                for (j, c) in t.columns.iter().enumerate() {
                    let width = ((c.1 / total) * 10_000.0).round().max(1.0) as u32;
                    let width = format!("{width}*");
                    let name = format!("T{n}C{j}");
                    let properties = "style:table-column-properties";
                    let attributes = [("style:rel-column-width", width.as_str())];
                    style(w, &name, "table-column", None, properties, &attributes)?;
                }
                if t.min_row_height > 0.0 {
                    // Room to write or sign, as in the PDF.
                    let height = format!("{:.1}pt", t.min_row_height);
                    let properties = "style:table-row-properties";
                    let attributes = [("style:min-row-height", height.as_str())];
                    style(
                        w,
                        &format!("T{n}R"),
                        "table-row",
                        None,
                        properties,
                        &attributes,
                    )?;
                }
            }
        }
        Ok(())
    }

    fn text(&mut self, w: &mut Xml, doc: &Document) -> XmlResult {
        match &doc.cover {
            Some(cover) => {
                if let Some(bytes) = &cover.logo {
                    self.logo(w, doc, bytes)?;
                }
                paragraph(w, "Letterhead", &doc.letterhead)?;
                if !cover.kind.is_empty() {
                    paragraph(w, "Subtitle", &cover.kind)?;
                }
                paragraph(w, "Title", &doc.title)?;
                if !doc.subtitle.is_empty() {
                    paragraph(w, "Subtitle", &doc.subtitle)?;
                }
                key_values(w, &cover.facts)?;
                if !cover.closing.is_empty() {
                    paragraph(w, "Note", &cover.closing)?;
                }
                w.create_element("text:p")
                    .with_attribute(("text:style-name", "BreakBefore"))
                    .write_empty()?;
            }
            // A document made of sections has its title in its header and metadata.
            None if matches!(doc.blocks.first(), Some(Block::Section(_))) => {}
            None => {
                paragraph(w, "Title", &doc.title)?;
                if !doc.subtitle.is_empty() {
                    paragraph(w, "Subtitle", &doc.subtitle)?;
                }
            }
        }
        if let Some(mark) = &doc.watermark {
            paragraph(w, "Marking", mark)?;
        }
        if let Some(stamp) = &doc.stamp {
            paragraph(w, "Marking", stamp)?;
        }
        let sections: Vec<&str> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Section(s) => Some(s.as_str()),
                _ => None,
            })
            .collect();
        for block in &doc.blocks {
            match block {
                Block::Heading(level, s) => {
                    let level = (*level).clamp(1, 3);
                    heading(w, &format!("Heading_20_{level}"), level, s)?
                }
                Block::Section(s) => heading(w, "SectionHeading", 1, s)?,
                Block::Contents => contents(w, &sections)?,
                Block::Paragraph(s) => paragraph(w, "Text_20_body", s)?,
                Block::Note(s) => paragraph(w, "Note", s)?,
                Block::KeyValues(pairs) => key_values(w, pairs)?,
                Block::List(items) => list(w, items)?,
                Block::Table(t) => self.table(w, t)?,
                Block::Chart(c) => self.chart(w, c)?,
                Block::PageBreak => {
                    w.create_element("text:p")
                        .with_attribute(("text:style-name", "BreakBefore"))
                        .write_empty()?;
                }
            }
        }
        Ok(())
    }

    /// The organisation's logo on the cover, 4 cm high at most, its text alternative
    /// naming the organisation. A logo that does not decode is left out.
    fn logo(&mut self, w: &mut Xml, doc: &Document, bytes: &[u8]) -> XmlResult {
        let (Some(kind), Ok((pw, ph))) = (ImageKind::of(bytes), logo_size(bytes)) else {
            return Ok(());
        };
        let scale = (6.0 / pw as f32).min(2.2 / ph as f32);
        let picture = Picture {
            file: format!("logo.{}", kind.extension()),
            media: kind.media_type(),
            bytes: bytes.to_vec(),
            frame: "Logo".into(),
            size_cm: (pw as f32 * scale, ph as f32 * scale),
            title: "Logo",
            description: format!("Logo — {}", doc.letterhead),
        };
        self.picture(w, picture)
    }

    /// A picture in its own paragraph: kept in `Pictures/`, framed at its size, with its
    /// title and its text alternative.
    fn picture(&mut self, w: &mut Xml, p: Picture) -> XmlResult {
        let href = format!("Pictures/{}", p.file);
        let (width, height) = (
            format!("{:.2}cm", p.size_cm.0),
            format!("{:.2}cm", p.size_cm.1),
        );
        w.create_element("text:p")
            .with_attribute(("text:style-name", "Standard"))
            .write_inner_content(|w| {
                w.create_element("draw:frame")
                    .with_attribute(("draw:style-name", "Chart"))
                    .with_attribute(("draw:name", p.frame.as_str()))
                    .with_attribute(("text:anchor-type", "as-char"))
                    .with_attribute(("svg:width", width.as_str()))
                    .with_attribute(("svg:height", height.as_str()))
                    .write_inner_content(|w| {
                        w.create_element("draw:image")
                            .with_attribute(("xlink:href", href.as_str()))
                            .with_attribute(("xlink:type", "simple"))
                            .with_attribute(("xlink:show", "embed"))
                            .with_attribute(("xlink:actuate", "onLoad"))
                            .with_attribute(("draw:mime-type", p.media))
                            .write_empty()?;
                        w.create_element("svg:title")
                            .write_text_content(BytesText::new(p.title))?;
                        w.create_element("svg:desc")
                            .write_text_content(BytesText::new(&p.description))?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        self.pictures.push((p.file, p.media, p.bytes));
        Ok(())
    }

    fn table(&mut self, w: &mut Xml, t: &Table) -> XmlResult {
        self.tables += 1;
        let n = self.tables;
        let row_style = format!("T{n}R");
        let cells = |w: &mut Xml, row: &[String], cell: &str, para: &str| -> XmlResult {
            let mut r = w.create_element("table:table-row");
            if para == "Table_20_Contents" && t.min_row_height > 0.0 {
                r = r.with_attribute(("table:style-name", row_style.as_str()));
            }
            r.write_inner_content(|w| {
                for j in 0..t.columns.len() {
                    let s = row.get(j).map(String::as_str).unwrap_or("");
                    w.create_element("table:table-cell")
                        .with_attribute(("table:style-name", cell))
                        .with_attribute(("office:value-type", "string"))
                        .write_inner_content(|w| paragraph(w, para, s))?;
                }
                Ok(())
            })?;
            Ok(())
        };
        w.create_element("table:table")
            .with_attribute(("table:name", format!("Tableau{n}").as_str()))
            .with_attribute(("table:style-name", "Wide"))
            .write_inner_content(|w| {
                for j in 0..t.columns.len() {
                    w.create_element("table:table-column")
                        .with_attribute(("table:style-name", format!("T{n}C{j}").as_str()))
                        .write_empty()?;
                }
                let titles: Vec<String> = t.columns.iter().map(|c| c.0.clone()).collect();
                w.create_element("table:table-header-rows")
                    .write_inner_content(|w| cells(w, &titles, "HeaderCell", "Table_20_Heading"))?;
                for row in &t.rows {
                    cells(w, row, "Cell", "Table_20_Contents")?;
                }
                Ok(())
            })?;
        Ok(())
    }

    /// The chart as an SVG picture whose description states every figure, then its
    /// legend as a note.
    fn chart(&mut self, w: &mut Xml, c: &BarChart) -> XmlResult {
        let (svg, height_pt) = chart_svg(c)?;
        let number = self.pictures.len() + 1;
        let figures: Vec<String> = c
            .bars
            .iter()
            .map(|b| format!("{} : {}", b.label, b.caption))
            .collect();
        let picture = Picture {
            file: format!("graphique{number}.svg"),
            media: "image/svg+xml",
            bytes: svg,
            frame: format!("Graphique {number}"),
            size_cm: (17.0, height_pt / 72.0 * 2.54),
            title: "Graphique",
            description: text::typography(&format!("{}.", figures.join(" ; "))),
        };
        self.picture(w, picture)?;
        if !c.legend.is_empty() {
            paragraph(w, "Note", &c.legend)?;
        }
        Ok(())
    }
}

/// A picture to embed: its file in `Pictures/`, media type, bytes, frame name, size,
/// title and text alternative.
struct Picture {
    file: String,
    media: &'static str,
    bytes: Vec<u8>,
    frame: String,
    size_cm: (f32, f32),
    title: &'static str,
    description: String,
}

/// A heading with its outline level (what screen readers and the navigator list).
fn heading(w: &mut Xml, style: &str, level: u8, s: &str) -> XmlResult {
    w.create_element("text:h")
        .with_attribute(("text:style-name", style))
        .with_attribute(("text:outline-level", level.to_string().as_str()))
        .write_inner_content(|w| lines(w, s))?;
    Ok(())
}

/// A bulleted list (the « Puces » list style).
fn list(w: &mut Xml, items: &[String]) -> XmlResult {
    w.create_element("text:list")
        .with_attribute(("text:style-name", "Puces"))
        .write_inner_content(|w| {
            for item in items {
                w.create_element("text:list-item")
                    .write_inner_content(|w| paragraph(w, "Text_20_body", item))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// Label–value lines: the label in bold, then the value.
fn key_values(w: &mut Xml, pairs: &[(String, String)]) -> XmlResult {
    for (k, v) in pairs {
        w.create_element("text:p")
            .with_attribute(("text:style-name", "Text_20_body"))
            .write_inner_content(|w| {
                w.create_element("text:span")
                    .with_attribute(("text:style-name", "Strong_20_Emphasis"))
                    .write_text_content(BytesText::new(&text::typography(&format!("{k} : "))))?;
                lines(w, v)
            })?;
    }
    Ok(())
}

/// The sommaire as a table of contents LibreOffice and Word refresh (F9, « Mettre à
/// jour l'index »); written with the sections' titles, without page numbers, which
/// only the word processor knows.
fn contents(w: &mut Xml, sections: &[&str]) -> XmlResult {
    w.create_element("text:table-of-content")
        .with_attribute(("text:name", "Sommaire"))
        .with_attribute(("text:protected", "true"))
        .write_inner_content(|w| {
            w.create_element("text:table-of-content-source")
                .with_attribute(("text:outline-level", "1"))
                .with_attribute(("text:use-index-marks", "false"))
                .write_inner_content(|w| {
                    w.create_element("text:index-title-template")
                        .with_attribute(("text:style-name", "Contents_20_Heading"))
                        .write_text_content(BytesText::new("Sommaire"))?;
                    Ok(())
                })?;
            w.create_element("text:index-body")
                .write_inner_content(|w| {
                    w.create_element("text:index-title")
                        .with_attribute(("text:name", "Sommaire_titre"))
                        .write_inner_content(|w| paragraph(w, "Contents_20_Heading", "Sommaire"))?;
                    for s in sections {
                        paragraph(w, "Contents_20_1", s)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// `<style:style>` with one properties element.
fn style(
    w: &mut Xml,
    name: &str,
    family: &str,
    parent: Option<&str>,
    properties: &str,
    attributes: &[(&str, &str)],
) -> XmlResult {
    let mut e = w
        .create_element("style:style")
        .with_attribute(("style:name", name))
        .with_attribute(("style:family", family));
    if let Some(p) = parent {
        e = e.with_attribute(("style:parent-style-name", p));
    }
    e.write_inner_content(|w| {
        w.create_element(properties)
            .with_attributes(attributes.iter().copied())
            .write_empty()?;
        Ok(())
    })?;
    Ok(())
}

/// The content's fixed automatic styles: name, family, parent, properties element and
/// its attributes.
type AutomaticStyle = (
    &'static str,
    &'static str,
    Option<&'static str>,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const AUTOMATIC_STYLES: &[AutomaticStyle] = &[
    (
        "BreakBefore",
        "paragraph",
        Some("Standard"),
        "style:paragraph-properties",
        &[("fo:break-before", "page")],
    ),
    (
        "SectionHeading",
        "paragraph",
        Some("Heading_20_1"),
        "style:paragraph-properties",
        &[("fo:break-before", "page")],
    ),
    (
        "Wide",
        "table",
        None,
        "style:table-properties",
        &[
            ("style:width", "17cm"),
            ("table:align", "margins"),
            ("fo:margin-bottom", "0.3cm"),
        ],
    ),
    (
        "Cell",
        "table-cell",
        None,
        "style:table-cell-properties",
        &[
            ("fo:padding", "0.08cm"),
            ("fo:border", "0.5pt solid #b8c4d2"),
        ],
    ),
    (
        "HeaderCell",
        "table-cell",
        None,
        "style:table-cell-properties",
        &[
            ("fo:padding", "0.08cm"),
            ("fo:background-color", "#dce7f3"),
            ("fo:border", "0.5pt solid #b8c4d2"),
        ],
    ),
    (
        "Chart",
        "graphic",
        None,
        "style:graphic-properties",
        &[
            ("style:wrap", "none"),
            ("style:vertical-pos", "top"),
            ("style:horizontal-pos", "center"),
        ],
    ),
];

/// A named paragraph style of the document (the names LibreOffice and Word know:
/// « Heading 1 » shows as « Titre 1 » in French).
struct Para {
    name: &'static str,
    display: &'static str,
    parent: Option<&'static str>,
    outline: Option<u8>,
    text: &'static [(&'static str, &'static str)],
    paragraph: &'static [(&'static str, &'static str)],
}

const PARAGRAPH_STYLES: &[Para] = &[
    Para {
        name: "Standard",
        display: "Standard",
        parent: None,
        outline: None,
        text: &[],
        paragraph: &[],
    },
    Para {
        name: "Text_20_body",
        display: "Text body",
        parent: Some("Standard"),
        outline: None,
        text: &[],
        paragraph: &[("fo:margin-top", "0cm"), ("fo:margin-bottom", "0.18cm")],
    },
    Para {
        name: "Heading",
        display: "Heading",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:color", "#1f5c99"), ("fo:font-weight", "bold")],
        paragraph: &[
            ("fo:margin-top", "0.42cm"),
            ("fo:margin-bottom", "0.2cm"),
            ("fo:keep-with-next", "always"),
        ],
    },
    Para {
        name: "Heading_20_1",
        display: "Heading 1",
        parent: Some("Heading"),
        outline: Some(1),
        text: &[("fo:font-size", "15pt")],
        paragraph: &[],
    },
    Para {
        name: "Heading_20_2",
        display: "Heading 2",
        parent: Some("Heading"),
        outline: Some(2),
        text: &[("fo:font-size", "12.5pt")],
        paragraph: &[],
    },
    Para {
        name: "Heading_20_3",
        display: "Heading 3",
        parent: Some("Heading"),
        outline: Some(3),
        text: &[("fo:font-size", "11pt")],
        paragraph: &[],
    },
    Para {
        name: "Title",
        display: "Title",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-size", "22pt"), ("fo:font-weight", "bold")],
        paragraph: &[("fo:margin-bottom", "0.2cm")],
    },
    Para {
        name: "Subtitle",
        display: "Subtitle",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-size", "13pt"), ("fo:color", "#6b6b6b")],
        paragraph: &[("fo:margin-bottom", "0.3cm")],
    },
    Para {
        name: "Letterhead",
        display: "En-tête de lettre",
        parent: Some("Standard"),
        outline: None,
        text: &[
            ("fo:font-size", "12pt"),
            ("fo:font-weight", "bold"),
            ("fo:color", "#1f5c99"),
        ],
        paragraph: &[("fo:margin-bottom", "4cm")],
    },
    Para {
        name: "Marking",
        display: "Mention",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-weight", "bold"), ("fo:color", "#c05a1a")],
        paragraph: &[("fo:margin-bottom", "0.3cm")],
    },
    Para {
        name: "Note",
        display: "Note",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-style", "italic"), ("fo:color", "#6b6b6b")],
        paragraph: &[("fo:margin-bottom", "0.2cm")],
    },
    Para {
        name: "Table_20_Contents",
        display: "Table Contents",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-size", "9pt")],
        paragraph: &[],
    },
    Para {
        name: "Table_20_Heading",
        display: "Table Heading",
        parent: Some("Table_20_Contents"),
        outline: None,
        text: &[("fo:font-weight", "bold")],
        paragraph: &[],
    },
    Para {
        name: "Contents_20_Heading",
        display: "Contents Heading",
        parent: Some("Heading"),
        outline: None,
        text: &[("fo:font-size", "15pt")],
        paragraph: &[],
    },
    Para {
        name: "Contents_20_1",
        display: "Contents 1",
        parent: Some("Standard"),
        outline: None,
        text: &[],
        paragraph: &[("fo:margin-bottom", "0.1cm")],
    },
    Para {
        name: "Header",
        display: "Header",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-size", "8.5pt"), ("fo:color", "#1f5c99")],
        paragraph: &[],
    },
    Para {
        name: "Footer",
        display: "Footer",
        parent: Some("Standard"),
        outline: None,
        text: &[("fo:font-size", "8.5pt"), ("fo:color", "#6b6b6b")],
        paragraph: &[],
    },
];

/// The named styles, the page (A4, the PDF's margins) and its header and footer.
fn styles(doc: &Document) -> std::io::Result<Vec<u8>> {
    let mut w = part()?;
    let mut root = w
        .create_element("office:document-styles")
        .with_attribute(("office:version", VERSION));
    for ns in NAMESPACES {
        root = root.with_attribute(ns);
    }
    root.write_inner_content(|w| {
        w.create_element("office:font-face-decls")
            .write_inner_content(|w| {
                w.create_element("style:font-face")
                    .with_attribute(("style:name", "DejaVu Sans"))
                    .with_attribute(("svg:font-family", "'DejaVu Sans'"))
                    .with_attribute(("style:font-family-generic", "swiss"))
                    .write_empty()?;
                Ok(())
            })?;
        w.create_element("office:styles").write_inner_content(|w| {
            w.create_element("style:default-style")
                .with_attribute(("style:family", "paragraph"))
                .write_inner_content(|w| {
                    w.create_element("style:text-properties")
                        .with_attribute(("style:font-name", "DejaVu Sans"))
                        .with_attribute(("fo:font-size", "10pt"))
                        .with_attribute(("fo:language", "fr"))
                        .with_attribute(("fo:country", "FR"))
                        .with_attribute(("fo:color", "#222222"))
                        .write_empty()?;
                    Ok(())
                })?;
            for p in PARAGRAPH_STYLES {
                let mut e = w
                    .create_element("style:style")
                    .with_attribute(("style:name", p.name))
                    .with_attribute(("style:display-name", p.display))
                    .with_attribute(("style:family", "paragraph"))
                    .with_attribute(("style:class", "text"));
                if let Some(parent) = p.parent {
                    e = e.with_attribute(("style:parent-style-name", parent));
                }
                let level = p.outline.map(|l| l.to_string());
                if let Some(l) = &level {
                    e = e.with_attribute(("style:default-outline-level", l.as_str()));
                }
                e.write_inner_content(|w| {
                    if !p.paragraph.is_empty() {
                        w.create_element("style:paragraph-properties")
                            .with_attributes(p.paragraph.iter().copied())
                            .write_empty()?;
                    }
                    if !p.text.is_empty() {
                        w.create_element("style:text-properties")
                            .with_attributes(p.text.iter().copied())
                            .write_empty()?;
                    }
                    Ok(())
                })?;
            }
            w.create_element("text:list-style")
                .with_attribute(("style:name", "Puces"))
                .with_attribute(("style:display-name", "Liste à puces"))
                .write_inner_content(|w| {
                    w.create_element("text:list-level-style-bullet")
                        .with_attribute(("text:level", "1"))
                        .with_attribute(("text:bullet-char", "•"))
                        .write_inner_content(|w| {
                            w.create_element("style:list-level-properties")
                                .with_attribute((
                                    "text:list-level-position-and-space-mode",
                                    "label-alignment",
                                ))
                                .write_inner_content(|w| {
                                    w.create_element("style:list-level-label-alignment")
                                        .with_attributes([
                                            ("text:label-followed-by", "listtab"),
                                            ("text:list-tab-stop-position", "0.6cm"),
                                            ("fo:text-indent", "-0.4cm"),
                                            ("fo:margin-left", "0.6cm"),
                                        ])
                                        .write_empty()?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                    Ok(())
                })?;
            w.create_element("style:style")
                .with_attribute(("style:name", "Strong_20_Emphasis"))
                .with_attribute(("style:display-name", "Strong Emphasis"))
                .with_attribute(("style:family", "text"))
                .write_inner_content(|w| {
                    w.create_element("style:text-properties")
                        .with_attribute(("fo:font-weight", "bold"))
                        .write_empty()?;
                    Ok(())
                })?;
            Ok(())
        })?;
        w.create_element("office:automatic-styles")
            .write_inner_content(|w| {
                w.create_element("style:page-layout")
                    .with_attribute(("style:name", "A4"))
                    .write_inner_content(|w| {
                        w.create_element("style:page-layout-properties")
                            .with_attributes([
                                ("fo:page-width", "21cm"),
                                ("fo:page-height", "29.7cm"),
                                ("style:print-orientation", "portrait"),
                                ("fo:margin-top", "1.4cm"),
                                ("fo:margin-bottom", "1.4cm"),
                                ("fo:margin-left", "2cm"),
                                ("fo:margin-right", "2cm"),
                            ])
                            .write_empty()?;
                        for part in ["style:header-style", "style:footer-style"] {
                            w.create_element(part).write_inner_content(|w| {
                                w.create_element("style:header-footer-properties")
                                    .with_attribute(("fo:min-height", "0.6cm"))
                                    .with_attribute(("fo:margin-top", "0.3cm"))
                                    .with_attribute(("fo:margin-bottom", "0.3cm"))
                                    .write_empty()?;
                                Ok(())
                            })?;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        w.create_element("office:master-styles")
            .write_inner_content(|w| {
                w.create_element("style:master-page")
                    .with_attribute(("style:name", "Standard"))
                    .with_attribute(("style:page-layout-name", "A4"))
                    .write_inner_content(|w| {
                        w.create_element("style:header").write_inner_content(|w| {
                            paragraph(w, "Header", &format!("{} — {}", doc.letterhead, doc.title))
                        })?;
                        w.create_element("style:footer").write_inner_content(|w| {
                            w.create_element("text:p")
                                .with_attribute(("text:style-name", "Footer"))
                                .write_inner_content(|w| {
                                    let generated = format!(
                                        "Document généré le {} — page ",
                                        text::date_long(doc.generated_on)
                                    );
                                    w.write_event(Event::Text(BytesText::new(&generated)))?;
                                    w.create_element("text:page-number")
                                        .with_attribute(("text:select-page", "current"))
                                        .write_empty()?;
                                    w.write_event(Event::Text(BytesText::new(" / ")))?;
                                    w.create_element("text:page-count").write_empty()?;
                                    Ok(())
                                })?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(w.into_inner())
}

/// Title, language, author and date.
fn meta(doc: &Document) -> std::io::Result<Vec<u8>> {
    let mut w = part()?;
    let created = doc.generated_on.format("%Y-%m-%dT00:00:00").to_string();
    w.create_element("office:document-meta")
        .with_attributes(NAMESPACES)
        .with_attribute(("office:version", VERSION))
        .write_inner_content(|w| {
            w.create_element("office:meta").write_inner_content(|w| {
                for (name, value) in [
                    ("meta:generator", "Agora"),
                    ("dc:title", doc.title.as_str()),
                    ("dc:subject", doc.subtitle.as_str()),
                    ("dc:language", "fr-FR"),
                    ("meta:initial-creator", doc.letterhead.as_str()),
                    ("dc:creator", doc.letterhead.as_str()),
                    ("meta:creation-date", created.as_str()),
                    ("dc:date", created.as_str()),
                ] {
                    w.create_element(name)
                        .write_text_content(BytesText::new(value))?;
                }
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(w.into_inner())
}

/// The list of the package's parts.
fn manifest(pictures: &[(String, &'static str, Vec<u8>)]) -> std::io::Result<Vec<u8>> {
    let mut w = part()?;
    w.create_element("manifest:manifest")
        .with_attribute((
            "xmlns:manifest",
            "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
        ))
        .with_attribute(("manifest:version", VERSION))
        .write_inner_content(|w| {
            let mut entry = |path: &str, media: &str| -> XmlResult {
                let mut e = w
                    .create_element("manifest:file-entry")
                    .with_attribute(("manifest:full-path", path))
                    .with_attribute(("manifest:media-type", media));
                if path == "/" {
                    e = e.with_attribute(("manifest:version", VERSION));
                }
                e.write_empty()?;
                Ok(())
            };
            entry("/", MIME)?;
            for part in ["content.xml", "styles.xml", "meta.xml"] {
                entry(part, "text/xml")?;
            }
            for (name, media, _) in pictures {
                entry(&format!("Pictures/{name}"), media)?;
            }
            Ok(())
        })?;
    Ok(w.into_inner())
}
