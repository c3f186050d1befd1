//! The commands on the records themselves: listings of conventions, meetings and
//! contacts, a contact's sheet and anonymisation, and the two imports (contacts, the
//! follow-up of proposals), each checked whole before anything is applied.

use chrono::Local;

use super::documents::number;
use super::{Context, print_listing, say};
use crate::domain::ids::{ContactId, ConventionId};
use crate::store::{ContactFilter, DuplicateOf, Duplicates, MeetingFilter, Store, StoreError};

/// `convention list`
pub fn conventions(cx: &Context, rest: &[&str]) -> Result<(), String> {
    if !rest.is_empty() {
        return Err("Usage : agora convention list".into());
    }
    cx.with_store(|store| {
        let rows = store.conventions()?;
        let mut listing = String::new();
        for c in &rows {
            let dates = match (c.start_date, c.end_date) {
                (Some(s), Some(e)) => {
                    format!("{} – {}", s.format("%d/%m/%Y"), e.format("%d/%m/%Y"))
                }
                (Some(s), None) => format!("depuis le {}", s.format("%d/%m/%Y")),
                _ => "dates à fixer".into(),
            };
            let theme = if c.theme.is_empty() {
                "sans thème"
            } else {
                c.theme.as_str()
            };
            listing.push_str(&format!(
                "{:>4}  {:<16} {}  ({theme}) · {dates} · tâches {}/{}{}\n",
                c.id,
                c.status.label(),
                c.title,
                c.tasks_done,
                c.tasks_total,
                if c.archived { " · archivée" } else { "" }
            ));
        }
        listing.push_str(&format!("{} convention(s).\n", rows.len()));
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `meetings list [--convention ID]`
pub fn meetings(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let convention = match rest {
        [] => None,
        ["--convention", id] => Some(ConventionId(number(id, "convention")?)),
        _ => return Err("Usage : agora meetings list [--convention ID]".into()),
    };
    cx.with_store(|store| {
        let rows = store.meetings_list(&MeetingFilter {
            convention,
            ..MeetingFilter::default()
        })?;
        let today = Local::now().date_naive();
        let mut listing = String::new();
        for r in &rows {
            let minutes = store
                .minutes(r.meeting.id)?
                .map(|m| format!("compte rendu {}", m.status.label().to_lowercase()))
                .unwrap_or_else(|| "pas de compte rendu".into());
            let people = if r.meeting.date >= today {
                format!("{} invité(s)", r.invited)
            } else {
                format!("{} présent(s) sur {}", r.present, r.invited)
            };
            listing.push_str(&format!(
                "{:>4}  {}  {}–{}  {:<20} {} · {people} · {minutes}\n",
                r.meeting.id,
                r.meeting.date.format("%d/%m/%Y"),
                r.meeting.start.format("%H:%M"),
                r.meeting.end.format("%H:%M"),
                r.meeting.kind.label(),
                r.meeting.title,
            ));
        }
        listing.push_str(&format!("{} réunion(s).\n", rows.len()));
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `contacts list [--search TEXT] [--count]`
pub fn contacts(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (search, count) = match rest {
        [] => (String::new(), false),
        ["--count"] => (String::new(), true),
        ["--search", s] => (s.to_string(), false),
        ["--search", s, "--count"] | ["--count", "--search", s] => (s.to_string(), true),
        _ => return Err("Usage : agora contacts list [--search TEXTE] [--count]".into()),
    };
    cx.with_store(|store| {
        let filter = ContactFilter {
            search,
            ..Default::default()
        };
        if count {
            println!("{}", store.contacts_count(&filter)?);
            return Ok(());
        }
        let mut listing = String::new();
        for c in store.contacts_page(&filter, 0, u32::MAX)? {
            listing.push_str(&format!(
                "{:>6}  {}  {}  {}\n",
                c.id, c.name, c.organisation, c.email
            ));
        }
        print_listing(&listing);
        Ok::<_, StoreError>(())
    })
}

/// `contacts show ID`
pub fn contact_sheet(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let id = contact_id(rest, "show")?;
    cx.with_store(|store| {
        print!("{}", sheet(store, id)?);
        Ok::<_, StoreError>(())
    })
}

/// `contacts anonymise ID`
pub fn anonymise(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let id = contact_id(rest, "anonymise")?;
    cx.with_store(|store| {
        let mentions = store.anonymise_contact(id, Local::now().date_naive())?;
        say(format!(
            "Contact n° {id} anonymisé : son identité est effacée, ses participations restent pour les statistiques."
        ));
        if !mentions.is_empty() {
            say("Ces textes libres citent encore son nom : modifiez-les.");
            for m in mentions {
                say(format!("  {}", m.place));
            }
        }
        Ok::<_, StoreError>(())
    })
}

fn contact_id(rest: &[&str], command: &str) -> Result<ContactId, String> {
    match rest {
        [id] => Ok(ContactId(number(id, "contact")?)),
        _ => Err(format!("Usage : agora contacts {command} ID")),
    }
}

/// `proposals import-followup ID FILE.csv [--dry-run]`: checks the file, prints the
/// report, and applies it unless `--dry-run`.
pub fn import_followup(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let (id, file, dry_run) = match rest {
        [id, file] => (id, file, false),
        [id, file, "--dry-run"] => (id, file, true),
        _ => {
            return Err(
                "Usage : agora proposals import-followup ID FICHIER.csv [--dry-run]".into(),
            );
        }
    };
    let id = ConventionId(number(id, "convention")?);
    let bytes = read(cx, file)?;
    cx.with_store(|store| {
        let mut report = crate::import::followup::parse(&bytes);
        store
            .check_followup(id, &mut report)
            .map_err(|e| e.to_string())?;
        if !report.is_clean() {
            for e in &report.errors {
                eprintln!("{}", crate::domain::text::typography(e));
            }
            return Err(format!(
                "Fichier refusé : {} ligne(s) en erreur. Rien n'a été appliqué.",
                report.errors.len()
            ));
        }
        for l in &report.lines {
            say(l.summary());
        }
        if dry_run {
            say(format!(
                "Vérification seule : {} ligne(s) prêtes, rien n'a été appliqué.",
                report.lines.len()
            ));
            return Ok(());
        }
        let n = store
            .apply_followup(id, &report, Local::now().date_naive())
            .map_err(|e| e.to_string())?;
        say(format!("{n} proposition(s) mises à jour."));
        Ok(())
    })
}

/// `contacts import FILE.csv [--dry-run] [--doublons …]`: reads the file, prints the
/// report by line, and imports it unless `--dry-run`.
pub fn import_contacts(cx: &Context, rest: &[&str]) -> Result<(), String> {
    let Some((file, options)) = rest.split_first() else {
        return Err(
            "Usage : agora contacts import FICHIER.csv [--dry-run] [--doublons ignorer|fusionner|creer]"
                .into(),
        );
    };
    let mut dry_run = false;
    let mut policy = Duplicates::Skip;
    let mut options = options.iter();
    while let Some(o) = options.next() {
        match *o {
            "--dry-run" => dry_run = true,
            "--doublons" => {
                policy = match options.next().copied() {
                    Some("ignorer") => Duplicates::Skip,
                    Some("fusionner") => Duplicates::Merge,
                    Some("creer" | "créer") => Duplicates::Create,
                    _ => return Err("--doublons attend ignorer, fusionner ou creer".into()),
                }
            }
            _ => return Err(format!("Option inconnue : {o}")),
        }
    }
    let bytes = read(cx, file)?;
    let read = crate::import::contacts::read(&bytes, Local::now().date_naive());
    drop(bytes);
    let mapped: Vec<String> = read
        .header
        .iter()
        .zip(&read.mapping)
        .map(|(h, m)| match m {
            Some(f) => format!("« {h} » → {}", f.label()),
            None => format!("« {h} » → ignorée"),
        })
        .collect();
    if !mapped.is_empty() {
        say(format!("Colonnes : {}", mapped.join(", ")));
    }
    if !read.is_clean() {
        for e in &read.errors {
            eprintln!("{}", crate::domain::text::typography(e));
        }
        return Err(format!(
            "Fichier refusé : {} ligne(s) en erreur. Rien n'a été importé.",
            read.errors.len()
        ));
    }
    cx.with_store(|store| {
        let duplicates = store.import_duplicates(read.rows())?;
        for d in &duplicates {
            say(match &d.of {
                DuplicateOf::Contact(id, name) => format!(
                    "Ligne {} : doublon probable de « {name} » (contact n° {id})",
                    d.line
                ),
                DuplicateOf::Line(earlier) => format!(
                    "Ligne {} : doublon probable de la ligne {earlier} du fichier",
                    d.line
                ),
            });
        }
        say(format!(
            "{} ligne(s) valides, {} doublon(s) probable(s).",
            read.good_rows,
            duplicates.len()
        ));
        if dry_run {
            say("Vérification seule : rien n'a été importé.");
            return Ok(());
        }
        let r = store.import_contacts(&read, policy, file)?;
        say(format!(
            "Import terminé : {} créé(s), {} fusionné(s), {} doublon(s) laissé(s), {} consentement(s).",
            r.created, r.merged, r.skipped, r.consents
        ));
        Ok::<_, StoreError>(())
    })
}

fn read(cx: &Context, file: &str) -> Result<Vec<u8>, String> {
    crate::files::read_named(cx.path(file))
}

/// A contact's sheet as text: identity, quota attributes, consents, participations
/// and the journal of the record.
fn sheet(store: &Store, id: ContactId) -> Result<String, StoreError> {
    let c = store.contact(id)?;
    let mut out = format!("Contact n° {id} : {}\n", c.display_name());
    let mut field = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push_str(&tf!("  {label} : {value}\n"));
        }
    };
    field("Type", c.kind.label());
    field("Structure", &c.organisation);
    field("Fonction", &c.role);
    field("Courriel", &c.email);
    field("Téléphone", &c.phone);
    field("Adresse", &c.postal_address());
    field("Secteur", c.sector.map_or("", |s| s.label()));
    field("Genre", &c.gender);
    field("Tranche d'âge", &c.age_band);
    field("Notes", &c.notes);
    field("Étiquettes", &c.tags.join(", "));
    if c.do_not_contact {
        out.push_str("  Ne plus contacter.\n");
    }
    for k in store.consents(id)? {
        out.push_str(&tf!(
            "  Consentement « {} » {} le {} ({})\n",
            k.scope.label(),
            if k.given { "donné" } else { "retiré" },
            k.date.format("%d/%m/%Y"),
            k.channel.label()
        ));
    }
    for p in store.participations(id)? {
        out.push_str(&tf!(
            "  Convention « {} » : {}\n",
            p.convention_title,
            p.role.label()
        ));
    }
    for e in store.journal_of("contact", id.0, 50)? {
        out.push_str(&tf!(
            "  {} — {}\n",
            e.at.format("%d/%m/%Y %H:%M"),
            e.summary
        ));
    }
    Ok(out)
}
