//! The directory on a real store: full-text search (accents, case, word beginnings),
//! the CSV import from Excel (encodings, separators, quotes, ragged rows refused
//! whole), duplicates skipped, merged or created, the CSV export read back.

use agora::domain::codes::Sector;
use agora::import::contacts;
use agora::store::{self, ContactFilter, DuplicateOf, Duplicates, Store};

use super::common::today;

fn search(s: &str) -> ContactFilter {
    ContactFilter {
        search: s.into(),
        kind: None,
        ..ContactFilter::default()
    }
}

fn demo(dir: &tempfile::TempDir) -> Store {
    super::common::demo(dir.path()).1
}

#[test]
fn search_ignores_accents_and_case_and_reads_word_beginnings() {
    let dir = tempfile::tempdir().unwrap();
    let s = demo(&dir);
    let helene = s.contacts_page(&search("hel gre"), 0, 50).unwrap();
    assert!(
        helene.iter().any(|c| c.name == "Hélène Martin"),
        "{helene:?}"
    );
    for typed in ["HÉLÈNE martin", "helene mart", "Hélène Martin"] {
        let found = s.contacts_page(&search(typed), 0, 50).unwrap();
        assert!(found.iter().any(|c| c.name == "Hélène Martin"), "{typed}");
        assert!(
            found
                .iter()
                .all(|c| c.name.to_lowercase().contains("martin"))
        );
    }
    // Email words and notes are searched too; operators are plain words.
    assert!(
        !s.contacts_page(&search("exemple"), 0, 5)
            .unwrap()
            .is_empty()
    );
    assert!(s.contacts_page(&search("\"OR (*"), 0, 5).is_ok());
    assert_eq!(s.contacts_count(&search("zzzzz")).unwrap(), 0);
    // Pages follow the list's order.
    let all = s.contacts_page(&search(""), 0, 500).unwrap();
    let second = s.contacts_page(&search(""), 50, 50).unwrap();
    assert_eq!(second, all[50..100].to_vec());
}

#[test]
fn an_excel_export_imports_with_its_quirks() {
    // Windows-1252, a BOM-less header in French, `;` inside quotes, a quoted newline.
    let text = "NOM;Prénom;Courriel;Tél.;Code postal;Ville;Secteur;Notes;Consentement;Date de consentement\r\n\
                Œuvray;Zoé;zoe.oeuvray@exemple.fr;0476112233;38000;Grenoble;Secteur 2;\"Bénévole; très active\";oui;03/10/2026\r\n\
                L’Hôte;Aimé;;;38100;Grenoble;6;\"Habite à l’Abbaye,\r\nvient en tram\";non;\r\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'Œ' => 0x8C,
            '’' => 0x92,
            c => u8::try_from(u32::from(c)).expect("Latin-1 in the test"),
        })
        .collect();
    let f = contacts::read(
        &bytes,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    assert!(f.is_clean(), "{:?}", f.errors);
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    let r = s
        .import_contacts(&f, Duplicates::Skip, "export.csv")
        .unwrap();
    assert_eq!((r.created, r.consents), (2, 1));
    let zoe = s.contacts_page(&search("oeuvray"), 0, 5).unwrap();
    assert_eq!(zoe.len(), 1, "œ is searched as oe");
    let zoe = s.contact(zoe[0].id).unwrap();
    assert_eq!(zoe.last_name, "Œuvray");
    assert_eq!(zoe.notes, "Bénévole; très active");
    assert_eq!(zoe.sector, Some(Sector::S2));
    let aime = s.contacts_page(&search("aime"), 0, 5).unwrap();
    let aime = s.contact(aime[0].id).unwrap();
    assert_eq!(aime.last_name, "L’Hôte");
    assert_eq!(aime.notes, "Habite à l’Abbaye,\nvient en tram");
    assert_eq!(s.consents(zoe.id).unwrap().len(), 1);
}

#[test]
fn one_bad_row_and_nothing_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    let file =
        "nom,prénom,email\nDurand,Paul,paul@exemple.fr\nPetit,Lou\nRoux,Max,max@exemple.fr\n";
    let f = contacts::read(
        file.as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    assert_eq!(
        f.errors,
        vec!["Ligne 3 : 2 colonnes au lieu de 3.".to_string()]
    );
    assert!(s.import_contacts(&f, Duplicates::Skip, "x.csv").is_err());
    assert_eq!(s.contacts_count(&search("")).unwrap(), 0);
}

#[test]
fn a_row_repeating_an_earlier_row_of_the_file_is_announced_before_the_import_skips_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    // Line 3 repeats line 2 (names and postal code), line 4 its email in capitals;
    // line 5 is a namesake elsewhere.
    let file = "nom;prénom;courriel;code postal\n\
                Martin;Hélène;;38000\n\
                MARTIN;hélène;;38000\n\
                Roux;Max;HELENE.M@exemple.fr;38100\n\
                Martin;Hélène;helene.m@exemple.fr;38400\n";
    let f = contacts::read(
        file.as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    let announced = s.import_duplicates(f.rows()).unwrap();
    let lines: Vec<(usize, DuplicateOf)> = announced.into_iter().map(|d| (d.line, d.of)).collect();
    assert_eq!(
        lines,
        vec![(3, DuplicateOf::Line(2)), (5, DuplicateOf::Line(4))]
    );
    let r = s.import_contacts(&f, Duplicates::Skip, "a.csv").unwrap();
    assert_eq!(
        (r.created, r.skipped),
        (2, 2),
        "what was announced is skipped"
    );
}

#[test]
fn duplicates_are_skipped_merged_or_created_and_links_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let helene = s.contacts_page(&search("helene martin"), 0, 5).unwrap()[0].id;
    let before = s.contact(helene).unwrap();
    let consents = s.consents(helene).unwrap().len();
    let file = format!(
        "nom;prénom;courriel;adresse;notes\nMartin;Hélène;{};12 rue Très-Cloîtres;Vue au forum\n",
        before.email
    );
    let f = contacts::read(
        file.as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    assert_eq!(
        s.import_duplicates(f.rows()).unwrap()[0].of,
        DuplicateOf::Contact(helene, "Hélène Martin".into())
    );

    let r = s.import_contacts(&f, Duplicates::Skip, "a.csv").unwrap();
    assert_eq!((r.created, r.skipped), (0, 1));
    assert_eq!(s.contact(helene).unwrap(), before);

    let r = s.import_contacts(&f, Duplicates::Merge, "b.csv").unwrap();
    assert_eq!(r.merged, 1);
    let merged = s.contact(helene).unwrap();
    assert_eq!(
        merged.id, helene,
        "same record: memberships, consents, attendance kept"
    );
    assert_eq!(s.consents(helene).unwrap().len(), consents);
    assert!(merged.notes.ends_with("Vue au forum"));
    if before.address.is_empty() {
        assert_eq!(merged.address, "12 rue Très-Cloîtres");
    } else {
        assert_eq!(
            merged.address, before.address,
            "filled fields are not overwritten"
        );
    }

    let total = s.contacts_count(&search("")).unwrap();
    let r = s.import_contacts(&f, Duplicates::Create, "c.csv").unwrap();
    assert_eq!(r.created, 1);
    assert_eq!(s.contacts_count(&search("")).unwrap(), total + 1);
}

#[test]
fn export_then_import_gives_the_same_contacts() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let out = exports.path().join("contacts.csv");
    let n = agora::export::write(
        &mut s,
        &agora::export::Document::Contacts(search("gre")),
        &out,
        today(),
    )
    .unwrap()
    .lines
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    assert!(s.export_log(1).unwrap()[0].personal_data);

    let other = tempfile::tempdir().unwrap();
    let mut t = Store::open(&other.path().join(store::DB_FILE)).unwrap();
    let f = contacts::read(
        &bytes,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    assert!(f.is_clean(), "{:?}", f.errors);
    let r = t
        .import_contacts(&f, Duplicates::Create, "contacts.csv")
        .unwrap();
    assert_eq!(r.created, n);
    let names = |st: &Store| -> Vec<(String, String, String, String)> {
        st.contacts_page(&search("gre"), 0, u32::MAX)
            .unwrap()
            .into_iter()
            .map(|c| {
                let c = st.contact(c.id).unwrap();
                (c.display_name(), c.email, c.phone, c.notes)
            })
            .collect()
    };
    assert_eq!(names(&s), names(&t));
}

#[test]
fn formulas_are_neutralised_in_exported_cells() {
    assert_eq!(agora::export::csv_cell("=1+1"), "'=1+1");
    assert_eq!(agora::export::csv_cell("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(agora::export::csv_cell("a;b"), "\"a;b\"");
    assert_eq!(
        agora::export::csv_cell("dit \"oui\""),
        "\"dit \"\"oui\"\"\""
    );
}

#[test]
fn a_large_import_rebuilds_the_search_index_and_keeps_it_live() {
    let mut text = String::from("nom;prénom;courriel\n");
    for i in 0..10_000 {
        text.push_str(&format!("Nom{i};Éloïse;e{i}@exemple.fr\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join(store::DB_FILE)).unwrap();
    let f = contacts::read(
        text.as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    assert_eq!(
        s.import_contacts(&f, Duplicates::Create, "gros.csv")
            .unwrap()
            .created,
        10_000
    );
    assert_eq!(s.contacts_count(&search("eloise")).unwrap(), 10_000);
    assert_eq!(s.contacts_count(&search("nom4242")).unwrap(), 1);
    // The per-row index is back for the next, small import.
    let f = contacts::read(
        "nom;prénom\nZébulon;Ana\n".as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    s.import_contacts(&f, Duplicates::Create, "petit.csv")
        .unwrap();
    assert_eq!(s.contacts_count(&search("zebulon")).unwrap(), 1);
    assert!(s.check().unwrap().healthy());
    // The directory's indexes, set aside during the bulk import, are all back.
    drop(s);
    let db = rusqlite::Connection::open(dir.path().join(store::DB_FILE)).unwrap();
    let mut names: Vec<String> = db
        .prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'contacts' AND sql IS NOT NULL AND type IN ('index', 'trigger') ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    names.sort();
    assert_eq!(
        names,
        [
            "contacts_email",
            "contacts_fts_delete",
            "contacts_fts_insert",
            "contacts_fts_update",
            "contacts_name",
            "contacts_sort"
        ]
    );
}

#[test]
fn withdrawal_anonymisation_and_the_access_request() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    use agora::domain::codes::ConsentScope;
    use agora::domain::contact::has_consent;
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    // Someone who consented to convocations and attended meetings.
    let with_consent = s
        .contacts_page(&search(""), 0, 500)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .find(|id| {
            has_consent(&s.consents(*id).unwrap(), ConsentScope::Convocations)
                && !s.meetings_attended(*id).unwrap().is_empty()
        })
        .expect("the demo has such a person");
    s.withdraw_consent(with_consent, ConsentScope::Convocations, today)
        .unwrap();
    assert!(!has_consent(
        &s.consents(with_consent).unwrap(),
        ConsentScope::Convocations
    ));

    // The access request: everything about the person, logged as personal data.
    let out = exports.path().join("acces.json");
    agora::export::write(
        &mut s,
        &agora::export::Document::PersonData(with_consent),
        &out,
        today,
    )
    .unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let before = s.contact(with_consent).unwrap();
    assert_eq!(json["personne"]["nom"], before.last_name.as_str());
    assert!(json["consentements"].as_array().unwrap().len() >= 2);
    assert!(!json["réunions"].as_array().unwrap().is_empty());
    assert!(s.export_log(1).unwrap()[0].personal_data);

    // Anonymised: identity gone, links kept, no longer found.
    let attended = s.meetings_attended(with_consent).unwrap().len();
    s.anonymise_contact(with_consent, today).unwrap();
    let after = s.contact(with_consent).unwrap();
    assert!(after.email.is_empty() && after.first_name.is_empty() && after.phone.is_empty());
    assert_eq!(after.sector, before.sector, "statistics kept");
    assert_eq!(s.meetings_attended(with_consent).unwrap().len(), attended);
    assert_eq!(s.contacts_count(&search(&before.email)).unwrap(), 0);
    assert_eq!(s.export_log(1).unwrap()[0].document, "Anonymisation");
}

#[test]
fn a_campaign_leaves_out_withdrawn_consents_and_shows_who_answered() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    use agora::domain::codes::{CampaignKind, ConsentScope, RecipientStatus};
    use agora::domain::ids::ConventionId;
    use agora::store::SplitBy;
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let campaign = s
        .create_campaign(
            "Invitation à la réunion publique",
            CampaignKind::Invitation,
            Some(ConventionId(1)),
            None,
            today,
        )
        .unwrap();
    let (_, _, members) = s.group_members(1).unwrap();
    let people: Vec<_> = s
        .contacts_page(&search(""), 0, 300)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let allowed: Vec<_> = people
        .iter()
        .copied()
        .filter(|c| s.exclusion(*c).unwrap().is_none())
        .collect();
    assert!(allowed.len() >= 3 && allowed.len() < people.len());
    // One of them withdraws before the campaign: left out, with the reason.
    s.withdraw_consent(allowed[0], ConsentScope::Convocations, today)
        .unwrap();
    let (added, left) = s.add_recipients(campaign, &people).unwrap();
    assert_eq!(added, allowed.len() - 1);
    assert!(left.iter().any(|(c, why)| *c == allowed[0]
        && why.label() == "pas de consentement « Convocations » en cours"));
    assert!(!members.is_empty());

    // Bulk statuses, reminders, funnels.
    let invited: Vec<_> = allowed[1..].to_vec();
    s.set_recipients_status(
        campaign,
        &invited,
        RecipientStatus::Invited,
        today - chrono::Days::new(10),
    )
    .unwrap();
    s.set_recipients_status(campaign, &invited[..1], RecipientStatus::Present, today)
        .unwrap();
    assert_eq!(
        s.reminders_due(campaign, 7, today).unwrap().len(),
        invited.len() - 1
    );
    assert!(s.reminders_due(campaign, 30, today).unwrap().is_empty());
    let by_sector = s.campaign_funnels(campaign, SplitBy::Sector).unwrap();
    assert_eq!(
        by_sector.iter().map(|f| f.targeted).sum::<u32>() as usize,
        added
    );
    assert_eq!(by_sector.iter().map(|f| f.came).sum::<u32>(), 1);

    // The mail merge leaves out whoever withdrew since.
    s.withdraw_consent(invited[1], ConsentScope::Convocations, today)
        .unwrap();
    let out = exports.path().join("publipostage.csv");
    let w = agora::export::write(
        &mut s,
        &agora::export::Document::MailMerge(campaign),
        &out,
        today,
    )
    .unwrap();
    let written = w.lines.unwrap();
    assert_eq!((written, w.left_out), (added - 1, 1));
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), written + 1);
    assert!(s.export_log(1).unwrap()[0].personal_data);
}

#[test]
fn filters_by_sector_and_the_review_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let all = s.contacts_page(&search(""), 0, u32::MAX).unwrap();
    let in_s2 = all.iter().filter(|c| c.sector == Some(Sector::S2)).count() as u32;
    let by_sector = ContactFilter {
        sector: Some(Sector::S2),
        ..ContactFilter::default()
    };
    assert_eq!(s.contacts_count(&by_sector).unwrap(), in_s2);
    assert!(in_s2 > 0);

    let due = ContactFilter {
        review_due: Some(today),
        ..ContactFilter::default()
    };
    let before = s.contacts_count(&due).unwrap();
    let mut c = s.contact(all[5].id).unwrap();
    c.retention_review = chrono::NaiveDate::from_ymd_opt(2026, 11, 1);
    s.update_contact(&c).unwrap();
    assert_eq!(s.contacts_count(&due).unwrap(), before + 1);
    assert!(
        s.contacts_page(&due, 0, 500)
            .unwrap()
            .iter()
            .any(|r| r.id == c.id)
    );
    // A saved selection keeps its sector.
    let id = s.save_selection("Secteur 2", &by_sector).unwrap();
    let (_, selection, members) = s.group_members(id).unwrap();
    assert!(selection);
    assert_eq!(members.len() as u32, in_s2);
}

#[test]
fn vcards_of_the_current_search() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let out = exports.path().join("contacts.vcf");
    let n = agora::export::write(
        &mut s,
        &agora::export::Document::VCards(search("helene martin")),
        &out,
        today(),
    )
    .unwrap()
    .lines
    .unwrap();
    assert!(n >= 1);
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.matches("BEGIN:VCARD\r\n").count(), n);
    assert_eq!(text.matches("END:VCARD\r\n").count(), n);
    assert!(text.contains("N:Martin;Hélène;;"), "{text}");
    assert!(text.contains("FN:Hélène Martin"));
    assert!(s.export_log(1).unwrap()[0].personal_data);
}

#[test]
fn the_current_selection_makes_or_joins_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let martins: Vec<_> = s
        .contacts_page(&search("martin"), 0, 100)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let g = s.create_group("Famille Martin", &martins).unwrap();
    assert!(s.create_group("famille martin", &martins).is_err());
    let (_, selection, members) = s.group_members(g).unwrap();
    assert!(!selection);
    assert_eq!(members.len(), martins.len());
    let others: Vec<_> = s
        .contacts_page(&search("dubois"), 0, 100)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(s.add_to_group(g, &others).unwrap(), others.len());
    assert_eq!(s.add_to_group(g, &others).unwrap(), 0, "nobody twice");
    let sel = s.save_selection("Les Dubois", &search("dubois")).unwrap();
    assert!(
        s.add_to_group(sel, &martins).is_err(),
        "a selection re-runs its search"
    );
}

#[test]
fn filters_by_group_and_by_consent_in_force() {
    use agora::domain::codes::ConsentScope;
    use agora::domain::contact::has_consent;
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let by_consent = ContactFilter {
        consent: Some(ConsentScope::Convocations),
        ..ContactFilter::default()
    };
    let expected = s
        .contacts_page(&search(""), 0, u32::MAX)
        .unwrap()
        .iter()
        .filter(|c| has_consent(&s.consents(c.id).unwrap(), ConsentScope::Convocations))
        .count() as u32;
    assert_eq!(s.contacts_count(&by_consent).unwrap(), expected);
    let someone = s.contacts_page(&by_consent, 0, 1).unwrap()[0].id;
    s.withdraw_consent(someone, ConsentScope::Convocations, today)
        .unwrap();
    assert_eq!(s.contacts_count(&by_consent).unwrap(), expected - 1);

    let (_, _, members) = s.group_members(1).unwrap();
    let by_group = ContactFilter {
        group: Some(1),
        ..ContactFilter::default()
    };
    assert_eq!(s.contacts_count(&by_group).unwrap() as usize, members.len());
}

#[test]
fn tags_are_kept_filtered_imported_and_exported() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let by_tag = |t: &str| ContactFilter {
        tag: Some(t.into()),
        ..ContactFilter::default()
    };
    let helene = s.contacts_page(&search("helene martin"), 0, 1).unwrap()[0].id;
    let mut c = s.contact(helene).unwrap();
    c.tags = agora::domain::contact::parse_tags("Vélo-école, jardins partagés; vélo-école");
    assert_eq!(c.tags, ["Vélo-école", "jardins partagés"]);
    s.update_contact(&c).unwrap();
    assert_eq!(
        s.contact(helene).unwrap().tags,
        ["jardins partagés", "Vélo-école"]
    );
    assert_eq!(
        s.contacts_page(&by_tag("vélo-école"), 0, 9).unwrap()[0].id,
        helene
    );
    let counted = s.tags().unwrap();
    assert!(
        counted.contains(&("Vélo-école".to_string(), 1)),
        "{counted:?}"
    );

    // A file with a tag column, imported then exported, keeps them (an existing tag keeps
    // its spelling).
    let f = contacts::read(
        "Nom;Prénom;Étiquettes\nNoël;Anaïs;vélo-école, Abbaye\n".as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    assert!(f.is_clean(), "{:?}", f.errors);
    s.import_contacts(&f, Duplicates::Create, "t.csv").unwrap();
    assert_eq!(s.contacts_count(&by_tag("Vélo-école")).unwrap(), 2);
    let out = exports.path().join("tags.csv");
    agora::export::write(
        &mut s,
        &agora::export::Document::Contacts(by_tag("abbaye")),
        &out,
        today(),
    )
    .unwrap();
    let text = String::from_utf8(std::fs::read(&out).unwrap()).unwrap();
    assert!(
        text.contains("Étiquettes") && text.contains("Abbaye, Vélo-école"),
        "{text}"
    );

    // A saved selection keeps its tag; a tag nobody carries any more disappears.
    let id = s.save_selection("Vélo", &by_tag("Vélo-école")).unwrap();
    assert_eq!(s.group_members(id).unwrap().2.len(), 2);
    c = s.contact(helene).unwrap();
    c.tags.clear();
    s.update_contact(&c).unwrap();
    assert_eq!(s.contacts_count(&by_tag("Vélo-école")).unwrap(), 1);
    let anais = s.contacts_page(&by_tag("Abbaye"), 0, 1).unwrap()[0].id;
    let mut a = s.contact(anais).unwrap();
    a.tags = vec!["Abbaye".into()];
    s.update_contact(&a).unwrap();
    assert!(!s.tags().unwrap().iter().any(|(t, _)| t == "Vélo-école"));
}

#[test]
fn the_list_sorts_by_each_column_both_ways_without_overlap() {
    use agora::store::{ContactSort, SortColumn};
    let dir = tempfile::tempdir().unwrap();
    let s = demo(&dir);
    let key = |id| {
        let c = s.contact(id).unwrap();
        let name = if c.is_organisation {
            c.organisation
        } else {
            c.last_name
        };
        (
            c.email.to_ascii_lowercase(),
            name.to_ascii_lowercase(),
            c.first_name.to_ascii_lowercase(),
        )
    };
    for descending in [false, true] {
        let f = ContactFilter {
            sort: ContactSort {
                column: SortColumn::Email,
                descending,
            },
            ..ContactFilter::default()
        };
        let all: Vec<_> = s
            .contacts_page(&f, 0, u32::MAX)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        let keys: Vec<_> = all.iter().map(|id| key(*id)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        if descending {
            sorted.reverse();
        }
        assert_eq!(keys, sorted);
        let paged: Vec<_> = (0..all.len() as u32)
            .step_by(7)
            .flat_map(|o| s.contacts_page(&f, o, 7).unwrap())
            .map(|r| r.id)
            .collect();
        assert_eq!(paged, all, "pages neither overlap nor skip");
    }
    // A broad search (short words) reads the list's index: same order as a full sort.
    let broad = s.contacts_page(&search("ma"), 0, u32::MAX).unwrap();
    assert!(broad.len() > 10);
    let names: Vec<_> = broad.iter().map(|r| (key(r.id).1, key(r.id).2)).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

#[test]
fn review_dates_follow_the_last_participation_unless_typed() {
    use agora::domain::codes::AttendanceStatus;
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let mut settings = s.settings().unwrap();
    settings.retention_years = 2;
    s.save_settings(&settings).unwrap();
    assert!(s.apply_retention_policy().unwrap() > 0);
    assert_eq!(
        s.apply_retention_policy().unwrap(),
        0,
        "nothing left to change"
    );

    // Someone who came to a meeting: two years after it (or later, after a later one).
    let meeting = s
        .meetings_list(&Default::default())
        .unwrap()
        .into_iter()
        .find(|m| m.present > 0)
        .expect("the demo marks attendance")
        .meeting;
    let record = s.meeting_record(meeting.id).unwrap();
    let came = record
        .attendance
        .iter()
        .find(|a| a.status == AttendanceStatus::Present)
        .expect("the demo marks attendance")
        .contact;
    let review = s.contact(came).unwrap().retention_review.unwrap();
    let after = chrono::Months::new(24);
    assert!(
        review >= meeting.date.checked_add_months(after).unwrap(),
        "{review}"
    );

    // Typed by hand: kept when the policy runs; erased: computed again.
    let mut c = s.contact(came).unwrap();
    let typed = chrono::NaiveDate::from_ymd_opt(2035, 1, 15).unwrap();
    c.retention_review = Some(typed);
    s.update_contact(&c).unwrap();
    settings.retention_years = 5;
    s.save_settings(&settings).unwrap();
    s.apply_retention_policy().unwrap();
    assert_eq!(s.contact(came).unwrap().retention_review, Some(typed));
    c.retention_review = None;
    s.update_contact(&c).unwrap();
    s.apply_retention_policy().unwrap();
    assert_eq!(
        s.contact(came).unwrap().retention_review,
        Some(review.checked_add_months(chrono::Months::new(36)).unwrap())
    );
    settings.retention_years = 0;
    assert!(s.save_settings(&settings).is_err(), "zero years refused");
}

#[test]
fn the_duplicate_finder_and_a_merge_that_keeps_every_link() {
    use agora::domain::codes::{ConsentChannel, ConsentScope};
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let helene = s.contacts_page(&search("helene martin"), 0, 1).unwrap()[0].id;
    let before = s.contact(helene).unwrap();
    let meetings = s.meetings_attended(helene).unwrap().len();
    let consents = s.consents(helene).unwrap().len();
    assert!(
        !s.duplicate_pairs(500)
            .unwrap()
            .iter()
            .any(|p| p.first == helene || p.second == helene)
    );

    // The same person typed again, with a new phone, a consent, a tag and a group.
    let file = format!(
        "Nom;Prénom;Courriel;Téléphone;Étiquettes;Consentement;Date de consentement\n\
         MARTIN;Hélène;{};04 76 00 00 00;vélo;oui;02/03/2026\n",
        before.email.to_uppercase()
    );
    let f = contacts::read(
        file.as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    s.import_contacts(&f, Duplicates::Create, "double.csv")
        .unwrap();
    let twin = s
        .contacts_page(&search("helene martin"), 0, 9)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .find(|id| *id != helene)
        .unwrap();
    let group = s.create_group("Vélo", &[twin]).unwrap();
    s.record_consent(
        &agora::domain::contact::Consent {
            contact: twin,
            scope: ConsentScope::Photo,
            given: true,
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
            channel: ConsentChannel::Meeting,
            wording_version: "v2".into(),
        },
        chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
    )
    .unwrap();
    let pairs = s.duplicate_pairs(500).unwrap();
    let pair = pairs.iter().find(|p| p.second == twin).expect("found");
    assert_eq!((pair.first, pair.reason), (helene, "Même courriel"));

    s.merge_contacts(helene, twin).unwrap();
    assert!(s.contact(twin).is_err(), "the other record is gone");
    let merged = s.contact(helene).unwrap();
    assert_eq!(
        merged.email, before.email,
        "the kept record's own values stay"
    );
    assert_eq!(merged.tags, ["vélo"]);
    assert_eq!(s.consents(helene).unwrap().len(), consents + 2);
    assert_eq!(s.meetings_attended(helene).unwrap().len(), meetings);
    assert_eq!(s.group_members(group).unwrap().2.len(), 1);
    assert!(s.group_members(group).unwrap().2.contains(&helene));
    assert!(
        s.journal_of("contact", helene.0, 50)
            .unwrap()
            .iter()
            .any(|e| e.summary.contains("fusionnée"))
    );
    assert!(
        !s.duplicate_pairs(500)
            .unwrap()
            .iter()
            .any(|p| p.second == twin)
    );
    assert!(s.merge_contacts(helene, helene).is_err());
}

#[test]
fn namesakes_declared_different_are_no_longer_proposed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let pairs = s.duplicate_pairs(500).unwrap();
    let p = pairs.first().expect("the demo has namesakes").clone();
    s.mark_distinct(p.second, p.first).unwrap();
    let after = s.duplicate_pairs(500).unwrap();
    assert_eq!(after.len(), pairs.len() - 1);
    assert!(
        !after
            .iter()
            .any(|q| (q.first, q.second) == (p.first, p.second))
    );
    assert!(s.contact(p.first).is_ok() && s.contact(p.second).is_ok());
}

#[test]
fn a_person_is_attached_to_a_structure_and_detached() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let helene = s.contacts_page(&search("helene martin"), 0, 1).unwrap()[0].id;
    let orgs = s.organisations().unwrap();
    let (org, name) = orgs
        .iter()
        .find(|(_, n)| n.contains("Parlons-en"))
        .unwrap()
        .clone();
    s.attach_to_organisation(helene, org, "Bénévole").unwrap();
    s.attach_to_organisation(helene, org, "Trésorière").unwrap();
    let mine = s.memberships(helene).unwrap();
    assert!(
        mine.contains(&(org, name.clone(), "Trésorière".into())),
        "{mine:?}"
    );
    assert!(
        s.memberships(org)
            .unwrap()
            .iter()
            .any(|(p, n, _)| *p == helene && n == "Hélène Martin"),
        "the structure's sheet lists its members"
    );
    assert!(
        s.attach_to_organisation(org, helene, "").is_err(),
        "a structure in a person: refused"
    );
    s.detach_from_organisation(helene, org).unwrap();
    assert!(!s.memberships(helene).unwrap().iter().any(|m| m.0 == org));
    assert!(
        s.journal_of("contact", helene.0, 10)
            .unwrap()
            .iter()
            .any(|e| e.summary.contains("Détaché·e de"))
    );
}

#[test]
fn a_merge_keeps_the_other_records_seats_veille_links_files_and_contributions() {
    // Reproduced: merging a council member's duplicate into the kept record lost the
    // seat and the veille links (the merge did not carry them; the deletion cascaded).
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(&dir);
    let member = (1..400)
        .map(agora::domain::ids::ContactId)
        .find(|c| s.seats_of(*c).is_ok_and(|v| !v.is_empty()))
        .expect("the demo seats inhabitants on its councils");
    let keep = (1..400)
        .map(agora::domain::ids::ContactId)
        .find(|c| *c != member && s.contact(*c).is_ok() && s.seats_of(*c).unwrap().is_empty())
        .unwrap();
    let note = s.veille("", None).unwrap()[0].id;
    s.set_veille_link(note, store::VeilleLink::Contact(member), true)
        .unwrap();
    let file = s
        .attach_bytes(
            agora::domain::attachment::Owner::Contact(member),
            "formulaire.pdf",
            b"%PDF-1.4 signed form",
        )
        .unwrap();
    let charter = s.charters().unwrap()[0].id;
    s.save_contribution(
        charter,
        &agora::domain::charter::Contribution {
            contact: Some(member),
            proposal: "Des conseils par quartier.".into(),
            ..Default::default()
        },
        today(),
    )
    .unwrap();
    let seats = s.seats_of(member).unwrap().len();
    let given = s.contributions_of(keep).unwrap().len() + s.contributions_of(member).unwrap().len();

    s.merge_contacts(keep, member).unwrap();
    assert_eq!(s.contributions_of(keep).unwrap().len(), given);
    assert_eq!(s.seats_of(keep).unwrap().len(), seats);
    assert!(
        s.veille_links(note)
            .unwrap()
            .iter()
            .any(|(l, _)| *l == store::VeilleLink::Contact(keep))
    );
    let kept = s.attachment(file.id).unwrap();
    assert_eq!(
        kept.owner,
        Some(agora::domain::attachment::Owner::Contact(keep))
    );
}
