//! The window driven headlessly with iced_test: the welcome screen, every panel reached
//! from the sidebar showing a known demo record, search, and the export flow.

use agora::assets;
use agora::domain::ids::ConventionId;
use agora::domain::text::typography;
use agora::export::Document;
use agora::store::Store;
use agora::ui::panels::Event;
use agora::ui::panels::documents;
use agora::ui::save_dialog::SaveTarget;
use agora::ui::{App, Message, Panel};
use iced_test::Simulator;

use super::common::{pdf_words, today};

fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            assets::FONT_REGULAR.into(),
            assets::FONT_BOLD.into(),
            assets::FONT_ITALIC.into(),
        ],
        default_font: agora::ui::default_font(),
        ..iced::Settings::default()
    }
}

fn simulator(app: &App) -> Simulator<'_, Message> {
    Simulator::with_size(settings(), (1360.0, 820.0), app.view())
}

/// Feeds the messages a simulated interaction produced back to the app.
fn apply(app: &mut App, messages: Vec<Message>) {
    for m in messages {
        let _ = app.update(m);
    }
}

fn click(app: &mut App, label: &str) {
    let mut ui = simulator(app);
    ui.click(label)
        .unwrap_or_else(|e| panic!("cannot click {label:?}: {e:?}"));
    let messages = ui.into_messages().collect();
    apply(app, messages);
}

fn shows(app: &App, text: &str) -> bool {
    simulator(app).find(text).is_ok()
}

fn demo_app(dir: &tempfile::TempDir) -> App {
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    App::with_store(store, Panel::Dashboard, today())
}

#[test]
fn welcome_screen_loads_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let mut app = App::with_store(store, Panel::Dashboard, today());
    assert!(shows(&app, "Bienvenue dans Agora"));
    click(&mut app, "Explorer le dossier de démonstration");
    assert!(!shows(&app, "Bienvenue dans Agora"));
    assert!(shows(&app, "Tableau de bord"));
    assert!(
        shows(&app, "Séance 4 — Alimentation et consommation"),
        "next session on the dashboard"
    );
}

#[test]
fn empty_dossier_skips_the_welcome_for_good() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut app = App::with_store(Store::open(&db).unwrap(), Panel::Dashboard, today());
    click(&mut app, "Commencer un dossier vide");
    assert!(shows(&app, "Tableau de bord"));
    assert!(shows(&app, "Rien de prévu."));
    drop(app);
    let app = App::with_store(Store::open(&db).unwrap(), Panel::Dashboard, today());
    assert!(
        !shows(&app, "Bienvenue dans Agora"),
        "the choice survives a restart"
    );
}

#[test]
fn saving_the_letterhead_keeps_the_welcome_answered() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut app = App::with_store(Store::open(&db).unwrap(), Panel::Dashboard, today());
    click(&mut app, "Commencer un dossier vide");
    click(&mut app, "Paramètres");
    let mut ui = simulator(&app);
    ui.click(iced_test::selector::id("settings-organisation"))
        .unwrap();
    ui.typewrite(" (essai)");
    let messages = ui.into_messages().collect();
    apply(&mut app, messages);
    click(&mut app, "Enregistrer");
    assert!(
        shows(&app, "Ville de Grenoble (essai)"),
        "the sidebar shows the new name"
    );
    drop(app);
    let app = App::with_store(Store::open(&db).unwrap(), Panel::Dashboard, today());
    assert!(!shows(&app, "Bienvenue dans Agora"));
    assert!(shows(&app, "Ville de Grenoble (essai)"));
}

#[test]
fn every_panel_shows_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    let expectations = [
        ("Conventions", "Convention citoyenne pour le climat"),
        ("Contacts & mobilisation", "250 contacts · page 1 / 5"),
        ("Tirage au sort", "Tirage n° 1"),
        ("Réunions", "Réunion publique de lancement"),
        ("Documents", "Procès-verbal du tirage au sort"),
        (
            "Mémoire",
            "Fabriques de la participation (quartiers prioritaires) — Agence nationale de la cohésion des territoires",
        ),
        ("Dispositifs", "Des cantines 100 % bio et locales"),
        ("Paramètres", "Sauvegarder maintenant"),
        ("Tableau de bord", "Séance 4 — Alimentation et consommation"),
    ];
    for (panel, known) in expectations {
        click(&mut app, panel);
        assert!(shows(&app, known), "{panel} should show {known:?}");
    }
}

#[test]
fn dashboard_opens_a_meeting_and_shortcuts_switch_panels() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Atelier jeunesse et climat");
    assert!(shows(&app, "Ordre du jour"), "the meeting's record is open");
    click(&mut app, "Ordre du jour");
    assert!(shows(&app, "2. Échanges en petits groupes"));
    let _ = app.update(Message::Shortcut(2));
    assert!(shows(&app, "Cadre"), "Ctrl+2 opens the conventions");
}

#[test]
fn contacts_search_finds_a_person_and_opens_the_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    let mut ui = simulator(&app);
    ui.click(iced_test::selector::id("contacts-search"))
        .unwrap();
    ui.typewrite("Hélène Mar");
    let messages = ui.into_messages().collect();
    apply(&mut app, messages);
    assert!(shows(&app, "Hélène Martin"));
    click(&mut app, "Hélène Martin");
    assert!(shows(&app, "Consentements"));
    assert!(shows(&app, "Union de quartier Centre-ville — Bénévole"));
}

#[test]
fn convention_tabs_show_risks_and_budget() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Conventions");
    click(&mut app, "Risques");
    assert!(shows(
        &app,
        "Décrochage des membres les plus jeunes — P 3 × I 3 = 9 (Élevé)"
    ));
    click(&mut app, "Budget");
    assert!(shows(&app, "Journées indemnisables"));
    assert!(shows(&app, &typography("Calculer la ligne d'indemnités")));
}

#[test]
fn export_from_documents_is_written_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Documents");
    assert!(shows(&app, &typography("Aucun export pour l'instant.")));
    let exports = tempfile::tempdir().unwrap();
    let path = exports.path().join("Agora").join("note.pdf");
    // The app asks where (here, as when no dialog can open: the fallback folder),
    // writes the document and logs it.
    let document = Document::Synthesis(ConventionId(1));
    let _ = app.update(Message::ExportTo(
        document.clone(),
        Some(SaveTarget {
            path: path.clone(),
            fallback: true,
        }),
    ));
    let said = format!(
        "Aucune boîte de dialogue disponible : Note de synthèse — fichier écrit : {}.",
        path.display()
    );
    assert!(
        shows(&app, &typography(&said)),
        "the notice says where it went"
    );
    assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));
    assert!(
        shows(&app, path.display().to_string().as_str()),
        "the export log lists the file"
    );
    assert!(!shows(&app, &typography("Aucun export pour l'instant.")));
}

/// The editable version: the app writes an OpenDocument file where a name ending in
/// .odt was chosen, and logs it.
#[test]
fn an_editable_version_is_written_as_opendocument() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Documents");
    let exports = tempfile::tempdir().unwrap();
    let path = exports.path().join("compte-rendu.odt");
    let _ = app.update(Message::ExportTo(
        Document::Minutes(agora::domain::ids::MeetingId(1)),
        Some(SaveTarget {
            path: path.clone(),
            fallback: true,
        }),
    ));
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip package");
    assert!(
        bytes
            .windows(39)
            .any(|w| w == b"application/vnd.oasis.opendocument.text"),
        "an OpenDocument text"
    );
    assert!(shows(&app, path.display().to_string().as_str()));
}

/// A panel's export button raises the document as an event for the app: the panel
/// writes nothing itself.
#[test]
fn export_buttons_ask_the_app_for_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = super::common::demo(dir.path());
    let mut panel = documents::State::new(&store);
    let mut events = Vec::new();
    // The first line is the convention's dossier; then come its meetings' documents.
    for label in ["PDF", "ODT", "CR · ODT"] {
        let mut ui = Simulator::with_size(settings(), (1360.0, 820.0), panel.view());
        ui.click(label).expect("a button per document");
        let messages: Vec<_> = ui.into_messages().collect();
        events.extend(messages.into_iter().map(|m| panel.update(m, &mut store).1));
    }
    let dossier = Document::Dossier {
        convention: ConventionId(1),
        choice: store.dossier_choice(ConventionId(1)).unwrap(),
    };
    assert_eq!(
        events,
        [
            Some(Event::Export(dossier.clone())),
            Some(Event::ExportEditable(dossier)),
            Some(Event::ExportEditable(Document::Minutes(
                store.meetings_of(Some(ConventionId(1))).unwrap()[0].id
            ))),
        ]
    );
    assert!(
        store.export_log(1).unwrap().is_empty(),
        "nothing written yet"
    );
}

/// The dossier complet (Synthèse tab): untick a section, tick the attendance sheets, export: the panel
/// asks the app for that dossier and the choice is remembered for the convention.
#[test]
fn the_dossier_tab_exports_the_chosen_parts_and_remembers_them() {
    use agora::domain::dossier::{Appendix, DossierChoice, Section};
    use agora::ui::panels::conventions;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = super::common::demo(dir.path());
    let mut panel = conventions::State::new(&store, today());
    let mut events = Vec::new();
    for label in [
        "Dossier complet (PDF)",
        "Chronologie",
        "Feuilles d’émargement (données personnelles)",
        "Exporter le dossier complet (PDF)",
    ] {
        let mut ui = Simulator::with_size(settings(), (1360.0, 1400.0), panel.view(today()));
        ui.click(label)
            .unwrap_or_else(|_| panic!("« {label} » on screen"));
        let messages: Vec<_> = ui.into_messages().collect();
        for m in messages {
            events.push(panel.update(m, &mut store, today()).1);
        }
    }
    let mut expected = DossierChoice::default();
    expected.toggle_section(Section::Timeline, false);
    expected.toggle_appendix(Appendix::AttendanceSheets, true);
    assert_eq!(
        events.into_iter().flatten().collect::<Vec<_>>(),
        [Event::Export(Document::Dossier {
            convention: ConventionId(1),
            choice: expected.clone(),
        })]
    );
    assert_eq!(store.dossier_choice(ConventionId(1)).unwrap(), expected);
}

/// Paramètres → Logo: a text file is refused with a sentence, an image is kept and
/// shown, then removed.
#[test]
fn a_logo_is_chosen_refused_kept_and_removed_in_settings() {
    use agora::ui::panels::logo;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut store) = super::common::demo(dir.path());
    let mut panel = logo::State::new(&store);
    let files = tempfile::tempdir().unwrap();
    let text_file = files.path().join("liste.csv");
    std::fs::write(&text_file, "Nom;Prénom\n").unwrap();
    let png = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("packaging/linux/icons/48/fr.agora.Agora.png");
    let mut step = |panel: &mut logo::State, path: Option<&std::path::Path>, label: &str| {
        if let Some(p) = path {
            let _ = panel.update(logo::Msg::Path(p.display().to_string()), &mut store);
        }
        let mut ui = Simulator::with_size(settings(), (1000.0, 400.0), panel.view());
        ui.click(label).unwrap_or_else(|_| panic!("« {label} »"));
        let messages: Vec<_> = ui.into_messages().collect();
        for m in messages {
            let _ = panel.update(m, &mut store);
        }
    };
    step(&mut panel, Some(&text_file), "Utiliser cette image");
    let shows = |panel: &logo::State, s: &str| {
        Simulator::with_size(settings(), (1000.0, 400.0), panel.view())
            .find(s)
            .is_ok()
    };
    assert!(shows(
        &panel,
        &typography(
            "Ce fichier n’est pas une image PNG ou JPEG : choisissez le logo dans l’un de ces formats."
        )
    ));
    step(&mut panel, Some(&png), "Utiliser cette image");
    assert!(shows(
        &panel,
        &typography("Logo : « fr.agora.Agora.png » (3 Ko)")
    ));
    step(&mut panel, None, "Retirer");
    assert!(shows(&panel, "Aucun logo."));
    assert!(store.logo().unwrap().is_none());
}

/// Clicks the field with `id` and types `text` into it, as a person would.
fn type_into(app: &mut App, id: &'static str, text: &str) {
    let mut ui = simulator(app);
    ui.click(iced_test::selector::id(id))
        .unwrap_or_else(|e| panic!("no field {id:?}: {e:?}"));
    ui.typewrite(text);
    let messages = ui.into_messages().collect();
    apply(app, messages);
}

#[test]
fn create_a_meeting_and_build_its_agenda_then_find_it_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.load_demo().unwrap();
    let mut app = App::with_store(store, Panel::Meetings, today());
    click(&mut app, "Nouvelle réunion");
    type_into(&mut app, "meeting-title", "Atelier des quartiers sud");
    type_into(&mut app, "meeting-venue", "Maison des habitants Abbaye");
    click(&mut app, "Enregistrer la réunion");
    assert!(shows(
        &app,
        &typography("Réunion « Atelier des quartiers sud » créée : construisez son ordre du jour.")
    ));
    assert!(shows(
        &app,
        "L'ordre du jour est vide : ajoutez son premier point ci-dessous."
    ));

    type_into(&mut app, "item-title", "Accueil des habitants");
    type_into(&mut app, "item-duration", "20");
    click(&mut app, "Ajouter le point");
    type_into(&mut app, "item-title", "Travail en groupes");
    type_into(&mut app, "item-duration", "2h");
    click(&mut app, "Ajouter le point");
    assert!(shows(&app, "1. Accueil des habitants"));
    assert!(shows(&app, "2. Travail en groupes"));
    assert!(shows(&app, "Total 140 min sur 150 min (10 min de marge)."));
    // Change an item: its fields come back in the form.
    click(&mut app, "Modifier");
    assert!(shows(&app, "Modifier le point"));
    type_into(&mut app, "item-title", " et café");
    click(&mut app, "Enregistrer le point");
    assert!(shows(&app, "1. Accueil des habitants et café"));
    type_into(&mut app, "item-title", "Pot de l'amitié");
    type_into(&mut app, "item-duration", "une heure");
    click(&mut app, "Ajouter le point");
    assert!(
        shows(
            &app,
            &typography(
                "« une heure » n’est pas un nombre de minutes (écrivez par exemple 45 ou 1h30)."
            )
        ),
        "a bad duration is refused in French"
    );
    drop(app);

    // After a restart, the meeting of the day opens first, agenda and all.
    let mut app = App::with_store(Store::open(&db).unwrap(), Panel::Meetings, today());
    assert!(shows(&app, "Atelier des quartiers sud"));
    click(&mut app, "Ordre du jour");
    assert!(shows(&app, "2. Travail en groupes"));
}

#[test]
fn mark_attendance_in_bulk_then_write_and_validate_the_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.load_demo().unwrap();
    let mut app = App::with_store(store, Panel::Meetings, today());
    click(&mut app, "Séance 4 — Alimentation et consommation");
    click(&mut app, "Émargement");
    assert!(shows(
        &app,
        "40 sur la liste · 0 présent(s) · 0 excusé(s) · 0 absent(s) · 40 sans réponse"
    ));
    click(&mut app, "Tout le monde présent");
    // Then the exceptions: the first person on the list did not come.
    click(&mut app, "Absent·e");
    assert!(shows(
        &app,
        &format!(
            "40 sur la liste · 39 présent(s) · 0 excusé(s) · 1 absent(s) · 0 sans réponse · taux de présence {}",
            agora::domain::text::percent(0.975)
        )
    ));

    click(&mut app, "Compte rendu");
    let mut ui = simulator(&app);
    ui.click(iced_test::selector::id("minutes-body")).unwrap();
    ui.typewrite("Une séance dense sur l'alimentation.");
    let messages = ui.into_messages().collect();
    apply(&mut app, messages);
    click(&mut app, "Enregistrer le compte rendu");
    assert!(shows(&app, "Compte rendu enregistré."));
    assert!(shows(&app, "Brouillon — version 1"));
    click(&mut app, "Marquer comme relu");
    click(&mut app, "Valider");
    assert!(shows(
        &app,
        "Validé — version 1, validé le 29 novembre 2026"
    ));
    assert!(shows(&app, "Une séance dense sur l'alimentation."));
    click(&mut app, "Verrouiller");
    assert!(shows(&app, "Créer une version corrigée"));
    drop(app);

    let store = Store::open(&db).unwrap();
    let minutes = store
        .minutes(agora::domain::ids::MeetingId(4))
        .unwrap()
        .unwrap();
    assert_eq!(minutes.status, agora::domain::codes::MinutesStatus::Locked);
    assert_eq!(minutes.body, "Une séance dense sur l'alimentation.");
    let present = store
        .attendance(agora::domain::ids::MeetingId(4))
        .unwrap()
        .iter()
        .filter(|a| a.status == agora::domain::codes::AttendanceStatus::Present)
        .count();
    assert_eq!(present, 39);
}

#[test]
fn search_the_traces_and_follow_the_actions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Réunions");
    click(&mut app, "Recherche");
    type_into(&mut app, "traces-search", "echanges riches");
    assert!(
        shows(&app, "Atelier mobilités douces"),
        "found without accents"
    );
    click(&mut app, "Suivi des actions");
    click(&mut app, "En retard");
    assert!(shows(&app, "28/11/2026 (en retard)"));
    click(&mut app, "Fait");
    assert!(shows(&app, "Aucune action dans cette vue."));
}

#[test]
fn a_meeting_found_across_meetings_opens_its_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Réunions");
    click(&mut app, "Recherche");
    type_into(&mut app, "traces-search", "echanges riches");
    click(&mut app, "Atelier mobilités douces");
    assert!(
        shows(&app, "Modifier la réunion"),
        "the meeting found by the search opens in its record"
    );
}

#[test]
fn a_directory_search_saved_as_a_selection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.load_demo().unwrap();
    let mut app = App::with_store(store, Panel::Contacts, today());
    type_into(&mut app, "contacts-search", "Martin");
    type_into(&mut app, "selection-name", "Famille Martin");
    click(&mut app, "Enregistrer la sélection");
    assert!(shows(
        &app,
        &typography(
            "Sélection « Famille Martin » enregistrée : elle se recalcule à chaque usage (invitations aux réunions)."
        )
    ));
    drop(app);
    let store = Store::open(&db).unwrap();
    let saved = store.groups().unwrap();
    assert!(
        saved
            .iter()
            .any(|g| g.name == "Famille Martin" && g.saved_selection)
    );
}

#[test]
fn create_a_convention_then_a_session_seen_in_the_month_view() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut app = App::with_store(Store::open(&db).unwrap(), Panel::Dashboard, today());
    click(&mut app, "Commencer un dossier vide");
    click(&mut app, "Conventions");
    assert!(shows(
        &app,
        "Aucune convention pour l'instant : créez la première."
    ));
    click(&mut app, "Nouvelle convention");
    type_into(
        &mut app,
        "frame-title",
        "Convention citoyenne des solidarités",
    );
    type_into(&mut app, "frame-envelope", "beaucoup");
    click(&mut app, "Créer la convention");
    assert!(
        shows(
            &app,
            &typography(
                "« beaucoup » n’est pas un montant compris (écrivez par exemple 185 000 ou 1 250,50)."
            )
        ),
        "a bad amount is refused in French, the form stays"
    );
    let mut ui = simulator(&app);
    ui.click(iced_test::selector::id("frame-envelope")).unwrap();
    ui.tap_key(iced::keyboard::Key::Named(
        iced::keyboard::key::Named::Backspace,
    ));
    drop(ui);
    apply(
        &mut app,
        vec![Message::Conventions(
            agora::ui::panels::conventions::Message::Form(
                agora::ui::panels::conventions::FrameMsg::Field(
                    agora::ui::panels::conventions::FrameField::Envelope("90 000".into()),
                ),
            ),
        )],
    );
    click(&mut app, "Créer la convention");
    assert!(shows(&app, "Convention citoyenne des solidarités"));
    assert!(shows(&app, &typography("Passer à « Recrutement »")));
    click(&mut app, &typography("Passer à « Recrutement »"));
    assert!(shows(&app, &typography("Statut : Recrutement")));

    click(&mut app, "Calendrier");
    assert!(shows(&app, "Phase 1 — Appropriation — dates à fixer"));
    click(&mut app, "Nouvelle séance");
    type_into(&mut app, "session-title", "Séance d'ouverture");
    type_into(&mut app, "session-date", "13/03/2027");
    click(&mut app, "Ajouter la séance");
    assert!(shows(&app, "Séance ajoutée au calendrier."));
    click(&mut app, "Mois");
    assert!(shows(&app, "mars 2027"));
    let nine_thirty = agora::domain::text::time(chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap());
    assert!(shows(&app, &format!("{nine_thirty} Séance d'ouverture")));
    drop(app);

    let app = App::with_store(Store::open(&db).unwrap(), Panel::Conventions, today());
    assert!(shows(&app, "Convention citoyenne des solidarités"));
    assert!(shows(&app, "Enveloppe budgétaire"));
}

#[test]
fn add_a_risk_and_see_it_in_its_matrix_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Conventions");
    click(&mut app, "Risques");
    click(&mut app, "Nouveau risque");
    type_into(&mut app, "risk-title", "Salle indisponible");
    apply(
        &mut app,
        vec![
            Message::Conventions(agora::ui::panels::conventions::Message::Risks(
                agora::ui::panels::conventions::RisksMsg::Probability(4),
            )),
            Message::Conventions(agora::ui::panels::conventions::Message::Risks(
                agora::ui::panels::conventions::RisksMsg::Impact(1),
            )),
        ],
    );
    click(&mut app, "Ajouter le risque");
    assert!(shows(&app, &typography("Risque ajouté au registre.")));
    // In the matrix (impact 1, probability 4: score 4) and in the register.
    assert!(shows(&app, "Salle indisponible"));
    assert!(shows(&app, "Salle indisponible — P 4 × I 1 = 4 (Modéré)"));
}

#[test]
fn record_an_answer_to_a_proposal() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Conventions");
    click(&mut app, "Propositions");
    click(
        &mut app,
        "n° 4 — Généraliser les zones de rencontre à 20 km/h en centre-ville",
    );
    assert!(shows(&app, &typography("La Ville n'a pas encore répondu.")));
    type_into(&mut app, "answer-text", "Étude de circulation commandée.");
    apply(
        &mut app,
        vec![Message::Conventions(
            agora::ui::panels::conventions::Message::Proposals(
                agora::ui::panels::conventions::ProposalsMsg::AnswerStatus(
                    agora::domain::codes::ProposalStatus::InProgress,
                ),
            ),
        )],
    );
    // The button sits below the simulator's 820 pixels (the convention's tabs take
    // two lines at this width): its message, as the click would send it.
    apply(
        &mut app,
        vec![Message::Conventions(
            agora::ui::panels::conventions::Message::Proposals(
                agora::ui::panels::conventions::ProposalsMsg::SaveAnswer,
            ),
        )],
    );
    assert!(shows(
        &app,
        &typography("Réponse enregistrée : la proposition est « en cours ».")
    ));
    assert!(shows(&app, "Étude de circulation commandée."));
    assert!(shows(&app, "29/11/2026"));
}

#[test]
fn designate_a_garant_created_on_the_spot() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Conventions");
    click(&mut app, "Gouvernance");
    click(&mut app, &typography("Désigner quelqu'un"));
    apply(
        &mut app,
        vec![Message::Conventions(
            agora::ui::panels::conventions::Message::Governance(
                agora::ui::panels::conventions::GovernanceMsg::Role(
                    agora::domain::codes::ConventionRole::Guarantor,
                ),
            ),
        )],
    );
    type_into(&mut app, "new-first-name", "Jeanne");
    type_into(&mut app, "new-last-name", "Berthier");
    click(&mut app, "Créer");
    assert!(shows(&app, "Jeanne Berthier"), "chosen once created");
    type_into(
        &mut app,
        "designation-mode",
        "Tirée au sort parmi les garants CNDP",
    );
    click(&mut app, "Désigner");
    assert!(shows(
        &app,
        &typography("Jeanne Berthier désigné·e : Garant·e.")
    ));
}

#[test]
fn rules_of_the_game_from_the_template_saved_and_adopted() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store
        .create_convention(&agora::domain::convention::Convention::draft(
            "Convention logement",
        ))
        .unwrap();
    let mut app = App::with_store(store, Panel::Conventions, today());
    click(&mut app, "Règles");
    assert!(shows(&app, "Pas encore de règles du jeu enregistrées."));
    click(&mut app, "Partir du modèle");
    click(&mut app, "Enregistrer une nouvelle version");
    assert!(shows(
        &app,
        &typography("Règles du jeu : version 1 enregistrée (projet, à adopter).")
    ));
    click(&mut app, "Adopter cette version");
    assert!(shows(&app, "Version 1 adoptée le 29 novembre 2026."));
}

#[test]
fn the_demo_rules_compare_the_adopted_version_with_the_draft() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Conventions");
    click(&mut app, "Règles");
    assert!(shows(
        &app,
        "Version 2 du 20 novembre 2026 : projet, pas encore adoptée."
    ));
    assert!(shows(&app, &typography("Prise de décision : modifiée")));
    assert!(shows(&app, &typography("Rôles : inchangée")));
}

#[test]
fn withdraw_a_consent_from_the_contact_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    type_into(&mut app, "contacts-search", "Hélène Mar");
    click(&mut app, "Hélène Martin");
    assert!(shows(
        &app,
        &typography("Convocations : consentement en cours")
    ));
    click(&mut app, "Retirer le consentement");
    assert!(shows(
        &app,
        &typography("Consentement « Convocations » retiré : il prend effet tout de suite.")
    ));
    assert!(!shows(
        &app,
        &typography("Convocations : consentement en cours")
    ));
}

#[test]
fn import_an_excel_file_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("contacts-faux.csv");
    std::fs::write(
        &bad,
        "Nom;Prénom;E-mail;Secteur\nMartin;Hélène;helene@exemple.fr;2\nDurand;Paul;pas-un-courriel;9\n",
    )
    .unwrap();
    let good = dir.path().join("contacts.csv");
    std::fs::write(
        &good,
        "Nom;Prénom;E-mail;Secteur\nZébulon;Ana;ana.zebulon@exemple.fr;2\nQuintal;Léo;;hors commune\n",
    )
    .unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    click(&mut app, "Importer un fichier CSV");
    type_into(&mut app, "import-path", bad.to_str().unwrap());
    click(&mut app, "Lire le fichier");
    assert!(shows(&app, "Correspondance des colonnes"));
    assert!(shows(&app, "E-mail"), "each column of the file is listed");
    assert!(shows(
        &app,
        &typography(
            "Ligne 3 : courriel « pas-un-courriel » invalide ; secteur « 9 » inconnu (1 à 6 ou hors commune)."
        )
    ));
    assert!(!shows(&app, "Importer 1 contact(s)"));

    apply(
        &mut app,
        vec![Message::Contacts(
            agora::ui::panels::contacts::Message::Import(
                agora::ui::panels::contacts_import::Msg::Path(good.display().to_string()),
            ),
        )],
    );
    click(&mut app, "Lire le fichier");
    click(&mut app, "Importer 2 contact(s)");
    assert!(shows(
        &app,
        &typography(
            "Import terminé : 2 contact(s) créé(s), 0 fiche(s) complétée(s), 0 doublon(s) laissé(s) de côté, 0 consentement(s)."
        )
    ));
    type_into(&mut app, "contacts-search", "zebu");
    assert!(shows(&app, "Ana Zébulon"));
}

#[test]
fn run_an_invitation_campaign_and_its_bulk_update() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    click(&mut app, "Campagnes");
    assert!(shows(&app, &typography("Aucune campagne pour l'instant.")));
    type_into(&mut app, "campaign-name", "Invitation à l'atelier jeunesse");
    click(&mut app, "Créer la campagne");
    assert!(shows(
        &app,
        &typography("Campagne créée : ajoutez ses destinataires.")
    ));
    click(&mut app, "Annuaire");
    type_into(&mut app, "contacts-search", "Martin");
    click(&mut app, "Campagnes");
    click(&mut app, "Ajouter la recherche en cours");
    assert!(shows(&app, "Destinataires"));
    click(&mut app, &typography("Tous les « à inviter » → invités"));
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let campaign = store.campaigns().unwrap()[0].id;
    let recipients = store.recipients(campaign).unwrap();
    assert!(!recipients.is_empty());
    assert!(
        recipients
            .iter()
            .all(|r| r.status == agora::domain::codes::RecipientStatus::Invited)
    );
}

#[test]
fn edit_a_contact_and_find_the_change_after_a_restart() {
    use agora::ui::panels::contact_form::Field;
    use agora::ui::panels::contacts::{Message as C, SheetMsg};
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    type_into(&mut app, "contacts-search", "Hélène Mar");
    click(&mut app, "Hélène Martin");
    click(&mut app, "Modifier la fiche");
    assert!(shows(&app, "Enregistrer la fiche"));
    apply(
        &mut app,
        vec![Message::Contacts(C::Sheet(SheetMsg::Form(Field::Email(
            "pas-un-courriel".into(),
        ))))],
    );
    click(&mut app, "Enregistrer la fiche");
    assert!(
        shows(
            &app,
            &typography("L’adresse électronique « pas-un-courriel » n’est pas valide.")
        ),
        "refused in French, the form stays"
    );
    apply(
        &mut app,
        vec![
            Message::Contacts(C::Sheet(SheetMsg::Form(Field::Email(
                "helene.martin@exemple.fr".into(),
            )))),
            Message::Contacts(C::Sheet(SheetMsg::Form(Field::Phone(
                "04 76 00 11 22".into(),
            )))),
        ],
    );
    click(&mut app, "Enregistrer la fiche");
    assert!(shows(&app, "Fiche enregistrée."));
    assert!(shows(&app, "04 76 00 11 22"));
    assert!(
        shows(&app, "Fiche de « Hélène Martin » modifiée"),
        "the sheet's journal shows the change"
    );
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let found = store
        .contacts_page(
            &agora::store::ContactFilter {
                search: "helene martin".into(),
                kind: None,
                ..Default::default()
            },
            0,
            5,
        )
        .unwrap();
    assert_eq!(store.contact(found[0].id).unwrap().phone, "04 76 00 11 22");
}

#[test]
fn the_current_search_becomes_a_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    type_into(&mut app, "contacts-search", "Martin");
    type_into(&mut app, "selection-name", "Famille Martin");
    click(&mut app, "Créer un groupe avec ces contacts");
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let group = store
        .groups()
        .unwrap()
        .into_iter()
        .find(|g| g.name == "Famille Martin")
        .expect("the group was created");
    assert!(!group.saved_selection);
    assert!(group.members > 0);
}

#[test]
fn record_a_consent_from_the_sheet_with_its_wording() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    type_into(&mut app, "contacts-search", "Hélène Mar");
    click(&mut app, "Hélène Martin");
    click(&mut app, "Consentement donné");
    assert!(
        shows(
            &app,
            &typography("Le champ « Version du texte accepté » est obligatoire.")
        ),
        "a consent without its wording is refused"
    );
    type_into(&mut app, "consent-wording", "formulaire forum 2026-v1");
    type_into(&mut app, "consent-date", "12/11/2026");
    click(&mut app, "Consentement donné");
    assert!(shows(
        &app,
        &typography("Consentement « Convocations » enregistré (Papier, le 12/11/2026).")
    ));
    assert!(shows(
        &app,
        "Convocations — donné le 12/11/2026 (Papier, formulaire forum 2026-v1)"
    ));
}

#[test]
fn sort_the_list_by_a_column_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    assert!(shows(&app, "Nom ▲"));
    click(&mut app, "Courriel");
    assert!(shows(&app, "Courriel ▲") && shows(&app, "Nom"));
    click(&mut app, "Courriel ▲");
    assert!(shows(&app, "Courriel ▼"));
}

#[test]
fn merge_a_duplicate_from_the_doublons_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let file = agora::import::contacts::read(
        "Nom;Prénom;Courriel\nMartin;Hélène;helene.martin@exemple.fr\n".as_bytes(),
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
    );
    store
        .import_contacts(&file, agora::store::Duplicates::Create, "double.csv")
        .unwrap();
    let before = store.contacts_count(&Default::default()).unwrap();
    let mut app = App::with_store(store, Panel::Contacts, today());
    click(&mut app, "Doublons");
    assert!(shows(&app, "Même courriel"));
    click(&mut app, "Garder la première fiche");
    assert!(shows(
        &app,
        &typography(
            "Fiche « Hélène Martin » fusionnée dans « Hélène Martin » : consentements, participations et liens repris."
        )
    ));
    assert!(!shows(&app, "Même courriel"));
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    assert_eq!(
        store.contacts_count(&Default::default()).unwrap(),
        before - 1
    );
}

#[test]
fn the_retention_period_is_set_in_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Paramètres");
    assert!(shows(&app, "Données personnelles"));
    type_into(&mut app, "settings-retention", "5");
    click(&mut app, "Enregistrer la durée");
    assert!(
        shows(
            &app,
            &typography("Durée de conservation de 35 an(s) : attendu entre 1 et 30 ans.")
        ),
        "35 years refused"
    );
    let _ = app.update(Message::Settings(
        agora::ui::panels::settings::Message::RetentionYears("5".into()),
    ));
    click(&mut app, "Enregistrer la durée");
    assert!(shows(&app, "Données personnelles"));
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    assert_eq!(store.settings().unwrap().retention_years, 5);
}

#[test]
fn the_demo_pool_and_quotas_export_for_the_draw_commands() {
    use agora::domain::sortition::instance::Instance;
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Tirage au sort");
    click(&mut app, "2. Vivier");
    assert!(shows(&app, "Exporter le vivier (CSV)"));
    let exports = tempfile::tempdir().unwrap();
    let target = |name: &str| SaveTarget {
        path: exports.path().join(name),
        fallback: false,
    };
    for (document, name) in [
        (Document::Pool(ConventionId(1)), "vivier.csv"),
        (Document::Quotas(ConventionId(1)), "quotas.csv"),
    ] {
        let _ = app.update(Message::ExportTo(document, Some(target(name))));
    }
    let pool = agora::import::sortition::read_pool(
        &std::fs::read(exports.path().join("vivier.csv")).unwrap(),
    )
    .unwrap();
    let quotas = agora::import::sortition::read_quotas(
        &std::fs::read(exports.path().join("quotas.csv")).unwrap(),
    )
    .unwrap();
    assert!(pool.len() > 40 && !quotas.is_empty());
    assert!(
        pool.iter().all(|v| v.pseudonym.starts_with("V-")),
        "pseudonyms only"
    );
    // Every value has its quota line: the files are ready for `agora draw prepare`.
    let inst = Instance::new(&pool, &quotas, 40).unwrap();
    assert!(agora::domain::sortition::pricing::feasible(&inst).unwrap());
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let log = store.export_log(5).unwrap();
    // The pool ties pseudonyms to attributes and households: personal data.
    assert!(
        log.iter()
            .any(|e| e.document == "Vivier (CSV)" && e.personal_data)
    );
    assert!(
        log.iter()
            .any(|e| e.document == "Quotas (CSV)" && !e.personal_data)
    );
}

/// Feeds messages to the app and runs the tasks they return (a background
/// computation, not the file dialogs, which tests never open).
fn apply_and_run(app: &mut App, messages: Vec<Message>) {
    use iced::futures::StreamExt;
    for m in messages {
        let task = app.update(m);
        if let Some(stream) = iced_runtime::task::into_stream(task) {
            let actions: Vec<_> = iced::futures::executor::block_on(stream.collect());
            let outputs = actions
                .into_iter()
                .filter_map(|a| match a {
                    iced_runtime::Action::Output(m) => Some(m),
                    _ => None,
                })
                .collect();
            apply_and_run(app, outputs);
        }
    }
}

#[test]
fn import_a_pool_set_quotas_prepare_and_draw_with_a_seed() {
    use agora::domain::codes::PoolSource;
    use agora::domain::sortition::{generated, portfolio::Algorithm};
    use agora::ui::choice::Choice;
    use agora::ui::panels::draw::{self, PoolMsg, PrepareMsg, QuotasMsg};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut store = Store::open(&db).unwrap();
    let mut settings = store.settings().unwrap();
    settings.welcomed = true;
    store.save_settings(&settings).unwrap();
    let conv = store
        .create_convention(&agora::domain::convention::Convention::draft(
            "Convention sur les mobilités",
        ))
        .unwrap();
    // Four criteria, as most conventions use; identities in the file are left out.
    let pool: Vec<_> = generated::pool(90, "fenêtre")
        .into_iter()
        .map(|mut v| {
            v.attributes.retain(|(c, _)| c != "CSP");
            v
        })
        .collect();
    let criteria = ["genre", "âge", "secteur", "diplôme"].map(String::from);
    let mut csv = String::new();
    for (n, line) in agora::export::write_pool(&pool, &criteria)
        .lines()
        .enumerate()
    {
        let extra = if n == 0 {
            "courriel".into()
        } else {
            format!("p{n}@exemple.fr")
        };
        csv.push_str(&format!("{line},{extra}\n"));
    }
    let file = dir.path().join("volontaires.csv");
    std::fs::write(&file, csv).unwrap();
    let mut app = App::with_store(store, Panel::Draw, today());
    assert!(shows(
        &app,
        &typography("Aucun vivier pour cette convention : importez-en un ci-dessous.")
    ));

    // 1. The pool.
    type_into(&mut app, "pool-path", file.to_str().unwrap());
    click(&mut app, "Lire le fichier");
    assert!(shows(
        &app,
        &typography(
            "« volontaires.csv » : 90 volontaires, critères : genre, âge, secteur, diplôme."
        )
    ));
    assert!(shows(
        &app,
        &typography("Colonnes d'identité écartées : courriel.")
    ));
    click(&mut app, "Créer le vivier");
    assert!(shows(
        &app,
        &typography("Indiquez la source du vivier : elle figure au procès-verbal.")
    ));
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Pool(PoolMsg::Source(
            Choice::new(PoolSource::RandomInvitation, ""),
        )))],
    );
    click(&mut app, "Créer le vivier");
    assert!(shows(&app, "Table de quotas"), "on to the quotas");

    // 2. The quotas: sex from the reference population, the rest typed, one in %.
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Quotas(QuotasMsg::Size(
            "10".into(),
        )))],
    );
    assert!(shows(
        &app,
        "Valeurs par défaut de la population de référence"
    ));
    // The sex split from the shipped reference (the second table, after the ages),
    // as its button « Valeurs par défaut de la population de référence » sends it.
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Quotas(QuotasMsg::Defaults(1)))],
    );
    // The tab lists the criteria as the store keeps them (by name), values sorted.
    let mut by_name = criteria.clone();
    by_name.sort();
    let mut lines: Vec<(String, String)> = Vec::new();
    for c in &by_name {
        let mut values: Vec<String> = pool
            .iter()
            .map(|v| v.value(c).unwrap().to_string())
            .collect();
        values.sort_by_key(|v| v.to_lowercase());
        values.dedup();
        lines.extend(values.into_iter().map(|v| (c.clone(), v)));
    }
    let mut typed = Vec::new();
    for (i, (c, _)) in lines.iter().enumerate() {
        let (min, max) = match c.as_str() {
            "genre" => continue,
            "âge" => ("0", "30 %"),
            "secteur" => ("1", "3"),
            _ => ("0", "4"),
        };
        typed.push(Message::Draw(draw::Message::Quotas(QuotasMsg::Min(
            i,
            min.into(),
        ))));
        typed.push(Message::Draw(draw::Message::Quotas(QuotasMsg::Max(
            i,
            max.into(),
        ))));
    }
    apply(&mut app, typed);
    click(&mut app, "Enregistrer les quotas");
    assert!(shows(
        &app,
        &typography("Quotas enregistrés : 19 lignes pour un panel de 10.")
    ));

    // 3. The lottery, computed in the background and reported when done.
    click(&mut app, "4. Préparation");
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Prepare(
            PrepareMsg::Algorithm(Choice::new(Algorithm::Leximin, "")),
        ))],
    );
    let mut ui = simulator(&app);
    ui.click("Lancer le calcul").unwrap();
    let messages = ui.into_messages().collect();
    apply_and_run(&mut app, messages);
    assert!(
        shows(&app, "Nouveau tirage"),
        "on to the draw once prepared"
    );
    click(&mut app, "4. Préparation");
    assert!(shows(
        &app,
        &typography("Probabilités de sélection : répartition")
    ));
    assert!(shows(&app, "LEGACY (estimée)"));

    // 4. The draw with a recorded seed.
    click(&mut app, "5. Tirage");
    click(&mut app, "Tirer le panel");
    assert!(shows(
        &app,
        &typography("Indiquez la graine du tirage (par exemple la date, le lieu et l'heure).")
    ));
    type_into(
        &mut app,
        "draw-seed",
        "mobilités, 3 décembre 2026, salle du conseil",
    );
    type_into(&mut app, "draw-witnesses", "Anne Ribot (garante)");
    click(&mut app, "Tirer le panel");
    assert!(shows(&app, "Panel (10 membres en place)"));
    assert!(shows(&app, "Remplaçant·e·s en attente (2)"));
    drop(app);

    let store = Store::open(&db).unwrap();
    let d = store
        .latest_draw(conv)
        .unwrap()
        .expect("the draw is stored");
    assert_eq!(d.members().count(), 10);
    assert_eq!(d.draw.seed, "mobilités, 3 décembre 2026, salle du conseil");
    let members: Vec<_> = d.members().collect();
    let checks = agora::domain::sortition::check_composition(&d.quotas, &members);
    assert_eq!(checks.len(), 19);
    assert!(checks.iter().all(|c| c.met()));
    let genre = d.quotas.iter().find(|q| q.value == "Femme").unwrap();
    assert_eq!(
        (genre.min, genre.max),
        (4, 6),
        "Grenoble's parity, give or take"
    );
    assert!(
        store.pool_volunteers(d.pool.id).unwrap()[0]
            .attributes
            .iter()
            .all(|(c, _)| c != "courriel")
    );
}

#[test]
fn a_public_ceremony_with_dice_then_a_withdrawal_and_the_proces_verbal() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    use agora::ui::panels::draw::{self, CeremonyMsg};
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Tirage au sort");
    click(&mut app, "Nouveau tirage…");
    // The radio buttons draw their own labels: the choice goes in as its message.
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Ceremony(CeremonyMsg::Mode(
            draw::CeremonyMode::Public,
        )))],
    );
    assert!(shows(
        &app,
        "À lire à voix haute avant de lancer les dés : l’empreinte de la liste des 1 000 panels publiée."
            .replace(" :", "\u{a0}:")
            .as_str()
    ));
    type_into(&mut app, "draw-number", "1234");
    type_into(
        &mut app,
        "draw-witnesses",
        "Anne Ribot et Paul Ferrand (garants)",
    );
    click(&mut app, "Tirer le panel");
    assert!(shows(
        &app,
        &typography("« 1234 » n'est pas un numéro de 000 à 999 : trois chiffres, un par dé.")
    ));
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Ceremony(CeremonyMsg::Number(
            "072".into(),
        )))],
    );
    click(&mut app, "Tirer le panel");
    assert!(shows(&app, "Tirage n° 2"));
    assert!(shows(
        &app,
        "072 (trois dés à dix faces (centaines, dizaines, unités), lancés devant les garants)"
    ));
    assert!(shows(&app, "Panel (40 membres en place)"));

    // A member withdraws: the first reserve who keeps the quotas takes the seat.
    let mut ui = simulator(&app);
    ui.click("Retrait…").unwrap();
    let messages = ui.into_messages().collect();
    apply(&mut app, messages);
    click(&mut app, "Confirmer");
    assert!(shows(&app, "Retraits et remplacements"));
    assert!(
        shows(&app, "Panel (40 membres en place)"),
        "the seat is taken"
    );

    let pv = exports.path().join("pv.pdf");
    let _ = app.update(Message::ExportTo(
        Document::DrawMinutes(ConventionId(1)),
        Some(SaveTarget {
            path: pv.clone(),
            fallback: false,
        }),
    ));
    let text = pdf_words(&pv);
    assert!(text.contains("numéro public 072"), "{text}");
    assert!(text.contains("Retraits et remplacements"));
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    assert!(
        store
            .export_log(3)
            .unwrap()
            .iter()
            .any(|e| e.document == "Procès-verbal de tirage au sort")
    );
}

#[test]
fn an_invitation_sample_from_a_directory_selection_for_the_mail_merge() {
    // Exports go outside the data folder: Agora refuses them inside it.
    let exports = tempfile::tempdir().unwrap();
    use agora::ui::choice::Choice;
    use agora::ui::panels::draw::{self, InvitationsMsg};
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    store.load_demo().unwrap();
    let group = store
        .groups()
        .unwrap()
        .into_iter()
        .max_by_key(|g| g.members)
        .unwrap();
    let mut app = App::with_store(store, Panel::Dashboard, today());
    click(&mut app, "Tirage au sort");
    click(&mut app, "1. Invitations");
    apply(
        &mut app,
        vec![Message::Draw(draw::Message::Invitations(
            InvitationsMsg::Group(Choice::new(group.id, "")),
        ))],
    );
    assert!(shows(&app, "Invitations à tirer"));
    type_into(&mut app, "invitation-size", "5");
    click(&mut app, "Tirer l’échantillon");
    assert!(shows(
        &app,
        &typography("Indiquez la graine du tirage (par exemple la date et le lieu).")
    ));
    type_into(
        &mut app,
        "invitation-seed",
        "invitations climat, 2 septembre 2026",
    );
    click(&mut app, "Tirer l’échantillon");
    assert!(shows(&app, "Échantillons tirés"));
    assert!(shows(&app, "Exporter pour le publipostage (CSV)"));
    let out = exports.path().join("publipostage.csv");
    drop(app);
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let samples = store.invitation_samples(ConventionId(1)).unwrap();
    assert_eq!(samples.len(), 1);
    assert_eq!(samples[0].rows.len(), 5);
    assert_eq!(samples[0].seed, "invitations climat, 2 septembre 2026");
    assert!(samples[0].list_name.starts_with("annuaire : "));
    let sample = agora::export::Document::InvitationSample {
        convention: ConventionId(1),
        sample: samples[0].id,
    };
    agora::export::write(&mut store, &sample, &out, today()).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("\u{FEFF}Civilité;Prénom;Nom;Adresse;Code postal;Ville;Secteur"));
    assert_eq!(text.lines().count(), 6);
}

/// An erasure request from the contact sheet: « Anonymiser », confirmed; the sheet
/// then reads « Anonyme n° N » and lists the free texts that still name the person.
#[test]
fn anonymising_from_the_sheet_lists_the_texts_to_edit() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Contacts & mobilisation");
    click(&mut app, "Victor Agostini");
    click(&mut app, "Anonymiser");
    assert!(shows(
        &app,
        &typography(
            "Effacer son identité et les fichiers joints à sa fiche ? Une sauvegarde est faite avant."
        )
    ));
    click(&mut app, "Oui, anonymiser");
    assert!(!shows(&app, "Victor Agostini"));
    assert!(shows(&app, "Textes à modifier"));
    assert!(shows(&app, "• Réunion n° 1"));
}

#[test]
fn a_call_for_projects_is_followed_from_the_dashboard_and_kept_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    // The demo's call being written is due in 16 days: the dashboard says so and
    // opens its form.
    assert!(shows(&app, "Dépôt dans 16 jours (15/12/2026)"));
    click(
        &mut app,
        "Initiatives citoyennes pour la transition — Fondation de France",
    );
    assert!(shows(&app, &typography("Modifier l’appel à projets")));
    click(&mut app, "Annuler");

    click(&mut app, "Nouvel appel à projets");
    type_into(&mut app, "call-funder", "Métropole de Grenoble");
    type_into(&mut app, "call-title", "Budget participatif métropolitain");
    type_into(&mut app, "call-deadline", "le 3 janvier");
    click(&mut app, &typography("Ajouter l’appel"));
    assert!(
        shows(
            &app,
            &typography(
                "« le 3 janvier » n’est pas une date comprise (écrivez par exemple 14/11/2026)."
            )
        ),
        "a date not understood is said, and nothing is added"
    );
    // The date typed again (what the field sends when its text is replaced).
    apply(
        &mut app,
        vec![Message::Memory(agora::ui::panels::memory::Message::Calls(
            agora::ui::panels::memory::CallsMsg::Field(
                agora::ui::panels::memory::CallField::Deadline,
                "03/01/2027".into(),
            ),
        ))],
    );
    type_into(&mut app, "call-asked", "12 500");
    click(&mut app, &typography("Ajouter l’appel"));
    assert!(shows(
        &app,
        &typography("Appel à projets « Budget participatif métropolitain » ajouté.")
    ));
    assert!(shows(
        &app,
        &typography(&format!(
            "Repéré · dépôt le 03/01/2027 · demandé {}",
            agora::domain::text::euros(1_250_000)
        ))
    ));
    drop(app);

    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let app = App::with_store(store, Panel::Memory, today());
    assert!(shows(
        &app,
        "Budget participatif métropolitain — Métropole de Grenoble"
    ));
}

/// Sends a message to the Dispositifs panel's open sheet.
fn sheet(app: &mut App, m: agora::ui::panels::dispositifs::InterpellationMsg) {
    apply(
        app,
        vec![Message::Dispositifs(
            agora::ui::panels::dispositifs::Message::Interpellation(m),
        )],
    );
}

#[test]
fn an_interpellation_from_filing_to_its_mediation_report() {
    use agora::domain::interpellation::CRITERIA;
    use agora::report::interpellation::Paper;
    use agora::ui::choice::Choice;
    use agora::ui::panels::dispositifs::InterpellationField as Field;
    use agora::ui::panels::dispositifs::InterpellationMsg as Msg;
    // Fields and buttons below the fold get the message they would send.
    let fill = |app: &mut App, f: Field, text: &str| sheet(app, Msg::Field(f, text.into()));

    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    // The demo's mediation report must be sent within the week: the dashboard says so
    // and opens the interpellation's sheet.
    assert!(shows(
        &app,
        &typography("Dispositifs : échéances de la semaine")
    ));
    assert!(shows(
        &app,
        &typography("Envoi du rapport aux soutiens : 05/12/2026 (dans 6 j)")
    ));
    click(
        &mut app,
        "De l’ombre et des bancs dans la cour de l’école Jean-Jaurès",
    );
    assert!(shows(
        &app,
        &typography(
            "Étape : Médiation · prochaine échéance : Envoi du rapport aux soutiens le 05/12/2026"
        )
    ));
    click(&mut app, "← Liste des dispositifs");

    // Filed today on paper.
    click(&mut app, "Nouvelle interpellation");
    type_into(
        &mut app,
        "interpellation-title",
        "Un abri à vélos rue Lesdiguières",
    );
    type_into(
        &mut app,
        "interpellation-question",
        "La Ville peut-elle installer un abri à vélos sécurisé rue Lesdiguières ?",
    );
    type_into(&mut app, "interpellation-filer", "Jules Perrin");
    type_into(
        &mut app,
        "interpellation-address",
        "5 rue Lesdiguières, 38000 Grenoble",
    );
    click(&mut app, "Enregistrer");
    assert!(shows(
        &app,
        &typography("Interpellation « Un abri à vélos rue Lesdiguières » enregistrée.")
    ));
    assert!(shows(
        &app,
        &typography(
            "Étape : Recevabilité à examiner · prochaine échéance : Décision de recevabilité le 29/12/2026"
        )
    ));

    // Ruled on: a criterion refused without its reason is said, then admissible.
    fill(&mut app, Field::Decided, "29/11/2026");
    for k in 0..CRITERIA.len() {
        sheet(&mut app, Msg::Met(k, Choice::new(Some(k != 1), "")));
    }
    click(&mut app, "Enregistrer");
    assert!(shows(
        &app,
        &typography(
            "Le critère « Non discriminatoire » n’est pas rempli : écrivez pourquoi, la lettre à l’auteur·rice le reprend."
        )
    ));
    sheet(&mut app, Msg::Met(1, Choice::new(Some(true), "")));
    click(&mut app, "Enregistrer");
    assert!(shows(
        &app,
        &typography(
            "Étape : Collecte des soutiens · prochaine échéance : Fin de la collecte des soutiens le 29/12/2026"
        )
    ));

    // Supports counted, a fifth drawn, one checked.
    fill(&mut app, Field::Paper, "40");
    fill(&mut app, Field::Online, "25");
    click(&mut app, "Enregistrer");
    assert!(shows(
        &app,
        &typography("Total : 65 · collecte jusqu’au 29/12/2026 · niveau ouvert : médiation")
    ));
    fill(&mut app, Field::Seed, "lesdiguieres");
    sheet(&mut app, Msg::DrawChecks);
    assert!(shows(&app, "13 soutiens tirés au sort pour vérification."));
    let first = agora::domain::interpellation::check_sample(65, 20, "lesdiguieres")[0];
    sheet(
        &mut app,
        Msg::Check(first, agora::domain::codes::CheckResult::Valid),
    );
    assert!(shows(
        &app,
        &typography("13 soutiens tirés : 1 valide(s), 0 non valide(s), 12 à vérifier")
    ));

    // The mediation: its first meeting and its report agreed.
    fill(&mut app, Field::First, "12/01/2027");
    fill(&mut app, Field::Second, "09/03/2027");
    fill(&mut app, Field::Agreed, "02/04/2027");
    sheet(
        &mut app,
        Msg::Report(iced::widget::text_editor::Action::Edit(
            iced::widget::text_editor::Edit::Paste(std::sync::Arc::new(
                "# Ce qui a été convenu\n\nUn abri de douze places avant l'été.".into(),
            )),
        )),
    );
    click(&mut app, "Enregistrer");
    assert!(shows(
        &app,
        &typography(
            "Étape : Médiation · prochaine échéance : Envoi du rapport aux soutiens le 17/04/2027"
        )
    ));
    drop(app);

    // After a restart the record is as saved; its report prints what was agreed.
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let (d, i) = store
        .interpellations()
        .unwrap()
        .into_iter()
        .find(|(d, _)| d.title == "Un abri à vélos rue Lesdiguières")
        .expect("kept");
    assert_eq!(i.filer_address, "5 rue Lesdiguières\n38000 Grenoble");
    assert_eq!(i.supports(), 65);
    let elsewhere = tempfile::tempdir().unwrap();
    let out = elsewhere.path().join("rapport.pdf");
    agora::export::write(
        &mut store,
        &Document::Interpellation(d.id, Paper::Report),
        &out,
        today(),
    )
    .unwrap();
    let words = pdf_words(&out);
    assert!(
        words.contains("Un abri de douze places avant l’été."),
        "{words}"
    );
    assert!(
        words.contains("Validé par les parties le 2 avril 2027"),
        "{words}"
    );
}

#[test]
fn a_council_renewed_by_lot_from_its_sheet() {
    use agora::ui::panels::dispositifs::{BodyField, BodyMsg};
    let body = |app: &mut App, m: BodyMsg| {
        apply(
            app,
            vec![Message::Dispositifs(
                agora::ui::panels::dispositifs::Message::Body(m),
            )],
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    assert!(shows(&app, &typography("Instances : mandats à renouveler")));
    click(&mut app, "Dispositifs");
    let only_bodies = || {
        Message::Dispositifs(agora::ui::panels::dispositifs::Message::List(
            agora::ui::panels::dispositifs::ListMsg::Kind(agora::ui::choice::Choice::new(
                Some(agora::domain::codes::DispositifKind::Body),
                "",
            )),
        ))
    };
    apply(&mut app, vec![only_bodies()]);
    click(&mut app, "Conseil citoyen indépendant — secteur 3");
    assert!(shows(
        &app,
        &typography(
            "14 membre(s) sur 20 sièges · 6 siège(s) libre(s) · 14 mandat(s) finissent dans les 3 mois"
        )
    ));
    // The seats free the day after the terms end go to the Tirage au sort panel.
    body(
        &mut app,
        BodyMsg::Field(BodyField::SeatFrom, "15/01/2027".into()),
    );
    body(&mut app, BodyMsg::PrepareRenewal);
    assert!(shows(&app, "1. Invitations"), "on the draw panel");
    assert!(
        shows(&app, "Parcourir…") && !shows(&app, "Vivier n° 1"),
        "the draw panel shows the renewal, its pool still to build, not the convention's"
    );
    drop(app);

    // Drawn there (as any panel is), the drawn members then take their seats.
    let mut store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let (council, _) = store
        .bodies()
        .unwrap()
        .into_iter()
        .find(|(d, _)| d.title == "Conseil citoyen indépendant — secteur 3")
        .unwrap();
    let conv = store.renewals(council.id).unwrap()[0].0;
    super::bodies::draw_renewal(&mut store, conv);
    let mut app = App::with_store(store, Panel::Dispositifs, today());
    apply(&mut app, vec![only_bodies()]);
    click(&mut app, "Conseil citoyen indépendant — secteur 3");
    body(
        &mut app,
        BodyMsg::Field(BodyField::SeatFrom, "15/01/2027".into()),
    );
    body(&mut app, BodyMsg::Appoint(conv));
    drop(app);
    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let seated = store
        .body_members(council.id)
        .unwrap()
        .into_iter()
        .filter(|m| m.start == chrono::NaiveDate::from_ymd_opt(2027, 1, 15).unwrap())
        .count();
    assert!(
        (17..=20).contains(&seated),
        "{seated} seated from the sheet"
    );
}

#[test]
fn write_a_veille_note_and_find_it_without_its_accents() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    click(&mut app, "Mémoire");
    click(&mut app, "Veille");
    assert!(shows(&app, "25 note(s)"));
    click(&mut app, "Nouvelle note");
    type_into(&mut app, "veille-title", "Un débat mouvant à Épinal");
    type_into(&mut app, "veille-publication", "Vosges Matin");
    type_into(&mut app, "veille-tags", "débat, itinérance");
    click(&mut app, "Enregistrer la note");
    assert!(shows(
        &app,
        &typography("Note « Un débat mouvant à Épinal » enregistrée.")
    ));
    type_into(&mut app, "veille-search", "epin deba");
    assert!(shows(&app, "1 note(s)"));
    assert!(shows(&app, "Un débat mouvant à Épinal"));
    drop(app);

    let store = Store::open(&dir.path().join("agora.sqlite")).unwrap();
    let found = store.veille("itinerance", None).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].publication, "Vosges Matin");
}

#[test]
fn attach_the_signed_sheet_to_a_meeting_by_dropping_it_on_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.load_demo().unwrap();
    let mut app = App::with_store(store, Panel::Meetings, today());
    click(&mut app, "Atelier mobilités douces");
    click(&mut app, "Pièces jointes");
    assert!(shows(&app, "Aucun fichier joint."));
    assert!(shows(&app, "Joindre un fichier…"));

    // A file dropped on another panel is not attached anywhere.
    let scan = dir.path().join("emargement-atelier.pdf");
    std::fs::write(&scan, b"%PDF-1.4 scan of the signed sheet").unwrap();
    click(&mut app, "Tableau de bord");
    let _ = app.update(Message::FileDropped(scan.clone()));
    assert!(shows(
        &app,
        &typography(
            "Pour joindre ce fichier, ouvrez d’abord la fiche qui le recevra (une réunion, un contact, un dispositif, une note de veille, un appel à projets, ou l’onglet « Pièces jointes » d’une convention), puis déposez-le de nouveau."
        )
    ));

    click(&mut app, "Réunions");
    let _ = app.update(Message::FileDropped(scan.clone()));
    assert!(shows(&app, "emargement-atelier.pdf"));
    assert!(!shows(&app, "Aucun fichier joint."));
    click(&mut app, "feuille d’émargement signée");
    assert!(
        simulator(&app)
            .find(typography("Atelier · mercredi 25 novembre 2026 · compte rendu brouillon (version 1) · feuille d’émargement signée jointe"))
            .is_ok(),
        "the meeting's header says its signed sheet is attached"
    );
    drop(app);

    // After a restart: the file, its mark, and its bytes in the data folder.
    let s = Store::open(&db).unwrap();
    let m = s
        .meetings_of(Some(ConventionId(1)))
        .unwrap()
        .into_iter()
        .find(|m| m.title == "Atelier mobilités douces")
        .unwrap();
    assert!(s.has_signed_sheet(m.id).unwrap());
    let files = s
        .attachments_of(agora::domain::attachment::Owner::Meeting(m.id))
        .unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        std::fs::read(s.attachment_path(&files[0])).unwrap(),
        b"%PDF-1.4 scan of the signed sheet"
    );
}

#[test]
fn answer_a_contribution_to_the_charter_and_find_it_published() {
    use agora::domain::codes::ContributionStatus;
    use agora::ui::panels::memory::{CharterField, CharterMsg, Message as Memory};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("agora.sqlite");
    let mut store = Store::open(&db).unwrap();
    store.load_demo().unwrap();
    let charter = store.charters().unwrap()[0].id;
    let waiting = store
        .contributions(charter)
        .unwrap()
        .into_iter()
        .find(|c| c.state() == ContributionStatus::ToReview)
        .unwrap();
    let third = store.articles(charter).unwrap()[2].id;
    let helene = store
        .contacts_page(
            &agora::store::ContactFilter {
                search: "helene martin".into(),
                ..Default::default()
            },
            0,
            1,
        )
        .unwrap()[0]
        .clone();
    let mut app = App::with_store(store, Panel::Dashboard, today());
    click(&mut app, "Mémoire");
    click(&mut app, "Charte");
    assert!(shows(&app, "Charte de la démocratie coopérative"));
    assert!(shows(
        &app,
        &typography("À examiner : 10 · Retenue : 10 · Retenue en partie : 10 · Écartée : 10")
    ));
    // The list lies below the text and its versions: the messages its buttons send.
    let charter_msg = |m| Message::Memory(Memory::Charter(m));
    // An article's history: its text in each saved version.
    apply(&mut app, vec![charter_msg(CharterMsg::History(third))]);
    assert!(shows(
        &app,
        &typography(
            "Version 1 du 01/03/2026 : La Ville répond publiquement, dans un délai annoncé, à chaque proposition issue d’une démarche participative, qu’elle la retienne ou non, et dit pourquoi."
        )
    ));
    apply(
        &mut app,
        vec![
            charter_msg(CharterMsg::Answer(waiting.id)),
            charter_msg(CharterMsg::AnswerStatus(ContributionStatus::Dismissed)),
            charter_msg(CharterMsg::PublishAnswer),
        ],
    );
    assert!(
        shows(
            &app,
            &typography("Le champ « Réponse publiée » est obligatoire.")
        ),
        "a contribution set aside needs the reason published with it"
    );
    apply(
        &mut app,
        vec![
            charter_msg(CharterMsg::AnswerStatus(ContributionStatus::PartlyRetained)),
            charter_msg(CharterMsg::Field(
                CharterField::Answer,
                "Reprise dans l’article 4 ; le reste relève de la Métropole.".into(),
            )),
            charter_msg(CharterMsg::PublishAnswer),
        ],
    );
    assert!(shows(
        &app,
        &typography(&format!(
            "Réponse à la contribution n° {} publiée : retenue en partie.",
            waiting.number
        ))
    ));
    assert!(shows(
        &app,
        &typography("À examiner : 9 · Retenue : 10 · Retenue en partie : 11 · Écartée : 10")
    ));
    // A new contribution, from a person of the directory, found by name.
    apply(
        &mut app,
        vec![
            charter_msg(CharterMsg::NewContribution),
            charter_msg(CharterMsg::ContactSearch("helene mar".into())),
        ],
    );
    assert!(shows(&app, &helene.name), "the person found by name");
    apply(
        &mut app,
        vec![
            charter_msg(CharterMsg::ContactPick(Some((
                helene.id,
                helene.name.clone(),
            )))),
            charter_msg(CharterMsg::Field(
                CharterField::Proposal,
                "Un budget pour les pactes.".into(),
            )),
            charter_msg(CharterMsg::SaveContribution),
        ],
    );
    assert!(shows(&app, "Contribution enregistrée, à examiner."));
    drop(app);

    let s = Store::open(&db).unwrap();
    let back = s
        .contributions(charter)
        .unwrap()
        .into_iter()
        .find(|c| c.id == waiting.id)
        .unwrap();
    assert_eq!(back.state(), ContributionStatus::PartlyRetained);
    assert_eq!(back.answered_on, Some(today()));
    let given = s.contributions_of(helene.id).unwrap();
    assert_eq!(given.len(), 1);
    assert_eq!(given[0].1.proposal, "Un budget pour les pactes.");
    assert_eq!(given[0].1.number, 41);
    assert_eq!(given[0].1.received_on, Some(today()));
}
