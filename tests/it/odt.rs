//! The OpenDocument version of the printed documents, read back: a valid package
//! (mimetype first and stored), real headings with their outline levels, tables with
//! marked header rows, charts as pictures whose text alternative gives the figures,
//! French as the language; and, when LibreOffice is installed, converted to PDF by it.

use std::io::Read;
use std::path::Path;
use std::process::Command;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::common::{agora, demo, ok, pdf_words, plain};

/// The parts of an .odt package, by name, in order.
fn parts(path: &Path) -> Vec<(String, zip::CompressionMethod, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut text = String::new();
            f.read_to_string(&mut text).unwrap();
            (f.name().unwrap().to_string(), f.compression(), text)
        })
        .collect()
}

fn part<'a>(parts: &'a [(String, zip::CompressionMethod, String)], name: &str) -> &'a str {
    &parts
        .iter()
        .find(|p| p.0 == name)
        .unwrap_or_else(|| panic!("{name} in the package"))
        .2
}

/// What a reader finds in content.xml: the headings (outline level and text), how many
/// tables have a header row, and the charts' descriptions.
#[derive(Default, Debug)]
struct Content {
    headings: Vec<(u8, String)>,
    header_rows: usize,
    descriptions: Vec<String>,
}

fn read_content(xml: &str) -> Content {
    let mut reader = Reader::from_str(xml);
    let mut c = Content::default();
    let mut heading: Option<(u8, String)> = None;
    let mut desc: Option<String> = None;
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"text:h" => {
                let level = e
                    .try_get_attribute("text:outline-level")
                    .unwrap()
                    .expect("a heading has its outline level");
                let level = std::str::from_utf8(&level.value).unwrap().parse().unwrap();
                heading = Some((level, String::new()));
            }
            Event::End(e) if e.name().as_ref() == b"text:h" => {
                c.headings.extend(heading.take());
            }
            Event::Start(e) if e.name().as_ref() == b"table:table-header-rows" => {
                c.header_rows += 1;
            }
            Event::Start(e) if e.name().as_ref() == b"svg:desc" => desc = Some(String::new()),
            Event::End(e) if e.name().as_ref() == b"svg:desc" => {
                c.descriptions.extend(desc.take());
            }
            Event::Text(t) => {
                let t = t.decode().unwrap();
                if let Some((_, s)) = heading.as_mut() {
                    s.push_str(&t);
                }
                if let Some(s) = desc.as_mut() {
                    s.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let name: &[u8] = &r;
                let s = match name {
                    b"amp" => "&",
                    b"lt" => "<",
                    b"gt" => ">",
                    b"apos" => "'",
                    b"quot" => "\"",
                    _ => "?",
                };
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(s);
                }
                if let Some(d) = desc.as_mut() {
                    d.push_str(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    c
}

#[test]
fn a_compte_rendu_as_odt_has_real_headings_table_headers_and_french() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("cr.odt");
    let said = ok(agora(
        dir.path(),
        &["export", "minutes", "1", "--out", path.to_str().unwrap()],
    ));
    assert!(plain(said).contains("Compte rendu — fichier écrit"));

    let parts = parts(&path);
    assert_eq!(parts[0].0, "mimetype", "mimetype comes first");
    assert_eq!(parts[0].1, zip::CompressionMethod::Stored);
    assert_eq!(parts[0].2, "application/vnd.oasis.opendocument.text");
    let content = read_content(part(&parts, "content.xml"));
    let level_1: Vec<&str> = content
        .headings
        .iter()
        .filter(|h| h.0 == 1)
        .map(|h| h.1.as_str())
        .collect();
    assert!(level_1.contains(&"Participants"), "{level_1:?}");
    assert!(level_1.contains(&"Décisions"), "{level_1:?}");
    assert!(
        content.header_rows >= 1,
        "the decisions table marks its header"
    );
    let styles = part(&parts, "styles.xml");
    assert!(styles.contains(r#"style:name="Heading_20_1" style:display-name="Heading 1""#));
    assert!(styles.contains(r#"fo:language="fr" fo:country="FR""#));
    let meta = part(&parts, "meta.xml");
    assert!(meta.contains("<dc:language>fr-FR</dc:language>"));
    assert!(meta.contains("<dc:title>Compte rendu"));
    assert!(part(&parts, "META-INF/manifest.xml").contains("content.xml"));
}

#[test]
fn the_dossier_as_odt_keeps_its_sections_and_describes_its_charts() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("dossier.odt");
    ok(agora(
        dir.path(),
        &["export", "dossier", "1", "--out", path.to_str().unwrap()],
    ));
    let parts = parts(&path);
    let content = read_content(part(&parts, "content.xml"));
    for s in agora::domain::dossier::Section::ALL {
        assert!(
            content.headings.contains(&(1, s.title().to_string())),
            "« {} » is a level-1 heading",
            s.title()
        );
    }
    let pictures: Vec<&str> = parts
        .iter()
        .map(|p| p.0.as_str())
        .filter(|n| n.starts_with("Pictures/") && n.ends_with(".svg"))
        .collect();
    assert_eq!(pictures.len(), content.descriptions.len());
    assert!(
        content
            .descriptions
            .iter()
            .any(|d| plain(d).contains("genre : Femme : 19 (de 19 à 21)")),
        "the composition chart states its figures: {:?}",
        content.descriptions
    );
    let manifest = part(&parts, "META-INF/manifest.xml");
    for p in pictures {
        assert!(manifest.contains(p), "{p} in the manifest");
    }
}

/// LibreOffice opens the file and prints it; skipped, with a message, without it.
#[test]
fn libreoffice_converts_the_odt_to_pdf() {
    let Some(soffice) = ["soffice", "libreoffice"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok())
    else {
        eprintln!("LibreOffice absent (soffice) : conversion non vérifiée.");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let odt = out.path().join("cr.odt");
    ok(agora(
        dir.path(),
        &["export", "minutes", "1", "--out", odt.to_str().unwrap()],
    ));
    let profile = tempfile::tempdir().unwrap();
    let status = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out.path())
        .arg(&odt)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let words = pdf_words(&out.path().join("cr.pdf"));
    assert!(words.contains("Participants"), "{words}");
    assert!(words.contains("Décisions"), "{words}");
}

#[test]
fn the_note_de_synthese_as_odt_writes_its_decisions_as_a_real_list() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("note.odt");
    ok(agora(
        dir.path(),
        &["export", "synthesis", "1", "--out", path.to_str().unwrap()],
    ));
    let parts = parts(&path);
    let content = part(&parts, "content.xml");
    let start = content
        .find(r#"<text:list text:style-name="Puces">"#)
        .expect("a list");
    let end = start + content[start..].find("</text:list>").unwrap();
    let items = content[start..end].matches("<text:list-item>").count();
    assert!((1..=3).contains(&items), "the key decisions: {items}");
    assert!(part(&parts, "styles.xml").contains(r#"<text:list-style style:name="Puces""#));
}

#[test]
fn an_attestation_as_odt_keeps_room_to_sign() {
    let dir = tempfile::tempdir().unwrap();
    drop(demo(dir.path()));
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("attestations.odt");
    ok(agora(
        dir.path(),
        &[
            "export",
            "attestations",
            "1",
            "--out",
            path.to_str().unwrap(),
        ],
    ));
    let parts = parts(&path);
    let content = part(&parts, "content.xml");
    assert!(content.contains(r#"style:min-row-height="80.0pt""#));
    let content = read_content(content);
    assert!(
        content.headings[0]
            .1
            .starts_with("Attestation de participation — "),
        "{:?}",
        content.headings.first()
    );
}
