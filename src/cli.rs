//! Headless commands for scripting, verification and tests, and the choice between
//! them and the window. `--data-dir DIR` is global: accepted before or after any
//! command.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::Local;

use crate::domain::ids::{ConventionId, MeetingId};
use crate::domain::text::typography;
use crate::store::{self, MeetingFilter, Store};
use crate::ui::Panel;

const HELP: &str = "Agora — le poste de travail de la Mission Démocratie locale

Usage : agora [--data-dir DOSSIER] [COMMANDE]

Sans commande, ouvre la fenêtre (option : --open PANNEAU, l'un de
tableau-de-bord, conventions, contacts, tirage, reunions, documents, parametres).

Commandes :
  demo                                  crée le dossier de démonstration (base vide)
  check                                 vérifie la base : intégrité, schéma, effectifs
  backup                                sauvegarde vérifiée immédiate
  restore FICHIER                       remplace la base par une sauvegarde
  chiffrer                              chiffre la base et ses prochaines sauvegardes
                                        (version construite avec le chiffrement)
  cle-de-secours --out FICHIER.txt      écrit la clé de secours d'une base chiffrée,
                                        à imprimer et à garder à part
  export synthesis ID --out FICHIER.pdf exporte la note de synthèse d'une convention
  export minutes RÉUNION --out FICHIER.pdf
                                        exporte le compte rendu d'une réunion
  export attendance RÉUNION --out FICHIER.pdf [--contact-details]
                                        exporte la feuille d'émargement (sans
                                        courriels ni téléphones par défaut)
  meetings list [--convention ID]       liste les réunions, les plus récentes d'abord
  contacts import FICHIER.csv [--dry-run] [--doublons ignorer|fusionner|creer]
                                        importe des contacts (export Excel), tout ou rien
  contacts list [--search TEXTE] [--count]
                                        liste (ou compte) les contacts trouvés
  contacts export FICHIER.csv [--search TEXTE]
                                        exporte les contacts trouvés (journalisé)
  contacts show ID                      affiche la fiche d'un contact (consentements,
                                        participations, journal)
  contacts anonymise ID                 efface l'identité d'un contact (après une
                                        sauvegarde) et dit quels textes le citent encore
  convention list                       liste les conventions (statut, dates, tâches)
  convention ics ID --out FICHIER.ics   exporte le calendrier des séances d'une convention
  export followup ID --out FICHIER.pdf  exporte le tableau de suivi des propositions
  export rules ID --out FICHIER.pdf     exporte les règles du jeu (dernière version)
  export draw ID --out FICHIER.pdf      exporte le procès-verbal du dernier tirage
  export portfolio ID --out FICHIER.json
                                        exporte le portefeuille publié (1 000 panels)
  export panel ID --out FICHIER.csv     exporte le panel tiré, pour « agora draw verify »
  proposals import-followup ID FICHIER.csv [--dry-run]
                                        applique un suivi (numéro ; statut ; avancement ;
                                        réponse), tout ou rien ; --dry-run vérifie seulement

Tirage au sort (fichiers seulement, sans la base) :
{DRAW}

Base chiffrée : la phrase de passe est lue dans la variable AGORA_PHRASE, sinon
demandée ; pour « chiffrer », la nouvelle dans AGORA_NOUVELLE_PHRASE, sinon demandée
deux fois. Une clé de secours remplace la phrase : AGORA_CLE_DE_SECOURS.

Options globales :
  --data-dir DOSSIER   dossier des données (par défaut, celui de l'utilisateur)
  --remplacer          un export peut remplacer un fichier existant d'un autre type
                       (sans cette option, seul un export précédent du même type est
                       remplacé ; un portefeuille publié ne l'est jamais)
  --help               cette aide
  --version            la version

Les enregistrements sont désignés par leur numéro (la convention de démonstration est 1).";

/// The help text, with the draw commands' lines.
fn help() -> String {
    HELP.replace("{DRAW}", crate::draw_cli::HELP)
}

/// The parsed command line. Arguments are read as the system gives them
/// (`args_os`): a path that is not valid Unicode is kept byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Args {
    data_dir: Option<PathBuf>,
    open: Option<String>,
    /// `--remplacer`: an export may replace an existing file of another kind.
    replace: bool,
    /// The command's words as given, and as text for matching.
    raw: Vec<OsString>,
    words: Vec<String>,
}

impl Args {
    /// The path a word of the command stands for, from the argument as given (the
    /// word is one of `self.words`, found by identity, not by value).
    fn path(&self, word: &str) -> PathBuf {
        self.words
            .iter()
            .position(|w| std::ptr::eq(w.as_str(), word))
            .map_or_else(|| PathBuf::from(word), |i| PathBuf::from(&self.raw[i]))
    }

    /// An export's destination: `--remplacer` lets it replace a file of another kind.
    fn to<'a>(&self, path: &'a Path) -> crate::export::Destination<'a> {
        crate::export::Destination {
            path,
            replace: self.replace,
        }
    }
}

fn parse(raw: impl Iterator<Item = OsString>) -> Result<Args, String> {
    let mut args = Args {
        data_dir: None,
        open: None,
        replace: false,
        raw: Vec::new(),
        words: Vec::new(),
    };
    let mut raw = raw.peekable();
    while let Some(a) = raw.next() {
        let text = a.to_string_lossy().into_owned();
        match text.as_str() {
            "--data-dir" => {
                args.data_dir = Some(raw.next().ok_or("--data-dir attend un dossier")?.into())
            }
            "--open" => {
                args.open = Some(
                    raw.next()
                        .ok_or("--open attend un panneau")?
                        .to_string_lossy()
                        .into_owned(),
                )
            }
            "--remplacer" => args.replace = true,
            _ if text.starts_with("--data-dir=") => {
                #[cfg(unix)]
                let dir: PathBuf = {
                    use std::os::unix::ffi::OsStrExt;
                    std::ffi::OsStr::from_bytes(&a.as_bytes()["--data-dir=".len()..]).into()
                };
                #[cfg(not(unix))]
                let dir = PathBuf::from(&text["--data-dir=".len()..]);
                args.data_dir = Some(dir)
            }
            _ => {
                args.raw.push(a);
                args.words.push(text);
            }
        }
    }
    Ok(args)
}

/// The data folder: `--data-dir`, or the user's data folder for Agora.
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("fr", "", "Agora").map(|d| d.data_dir().to_path_buf())
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{}", typography(&message.to_string()));
    ExitCode::FAILURE
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args = match parse(std::env::args_os().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}\n\n{}", help());
            return ExitCode::from(2);
        }
    };
    if args
        .words
        .iter()
        .any(|w| w == "--help" || w == "-h" || w == "help")
    {
        println!("{}", help());
        return ExitCode::SUCCESS;
    }
    if args.words.iter().any(|w| w == "--version") {
        println!("agora {}", env!("CARGO_PKG_VERSION"));
        return ExitCode::SUCCESS;
    }
    let Some(dir) = args.data_dir.clone().or_else(default_data_dir) else {
        return fail(
            "Impossible de trouver le dossier de données de l'utilisateur ; indiquez-le avec --data-dir.",
        );
    };
    let db = dir.join(store::DB_FILE);
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => {
            let panel = match args.open.as_deref().map(Panel::from_slug) {
                None => None,
                Some(Some(p)) => Some(p),
                Some(None) => {
                    return fail(format!(
                        "Panneau inconnu : « {} ».\n\n{}",
                        args.open.unwrap_or_default(),
                        help()
                    ));
                }
            };
            match crate::ui::run(db, panel) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(format!("La fenêtre n'a pas pu s'ouvrir : {e}")),
            }
        }
        ["demo"] => with_store(&db, |store| {
            let s = store.load_demo()?;
            println!(
                "Dossier de démonstration créé dans {} : convention n° {}, {} contacts, {} volontaires, {} réunions, {} propositions.",
                dir.display(),
                s.convention,
                s.contacts,
                s.volunteers,
                s.meetings,
                s.proposals
            );
            Ok(())
        }),
        ["draw", rest @ ..] => crate::draw_cli::run(rest, args.replace),
        ["check"] => check(&db),
        ["backup"] => with_store(&db, |store| {
            let path = store.backup_now("manuelle")?;
            println!(
                "{}",
                typography(&format!("Sauvegarde vérifiée : {}", path.display()))
            );
            Ok(())
        }),
        ["restore", file] => match store_key(&db)
            .and_then(|key| store::backup::restore(&db, &args.path(file), key.as_ref()))
        {
            Ok(replaced) => {
                println!("{}", typography(&format!("Base restaurée depuis {file}.")));
                match replaced {
                    store::backup::Replaced::Nothing => {}
                    store::backup::Replaced::BackedUp(p) => println!(
                        "{}",
                        typography(&format!(
                            "La base remplacée a d’abord été sauvegardée : {}",
                            p.display()
                        ))
                    ),
                    store::backup::Replaced::SetAside(files) => {
                        for p in files {
                            println!(
                                "{}",
                                typography(&format!(
                                    "La base remplacée ne s’ouvrait pas : elle est conservée telle quelle sous {}",
                                    p.display()
                                ))
                            );
                        }
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(e),
        },
        ["chiffrer"] => {
            let mut store = match open_store(&db) {
                Ok(s) => s,
                Err(e) => return fail(e),
            };
            let phrase = match new_passphrase() {
                Ok(p) => p,
                Err(e) => return fail(e),
            };
            match store.encrypt(&phrase).and_then(|()| store.close()) {
                Ok(_) => {
                    println!(
                        "{}",
                        typography(
                            "Base chiffrée : ses prochaines sauvegardes le seront aussi. Les sauvegardes antérieures ne le sont pas : supprimez-les de « sauvegardes » quand vous n’en aurez plus besoin. Imprimez maintenant la clé de secours (agora cle-de-secours --out FICHIER.txt) : une phrase de passe perdue ne peut pas être retrouvée."
                        )
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(e),
            }
        }
        ["cle-de-secours", "--out", out] => {
            let out = args.path(out);
            with_store(&db, |store| {
                crate::export::recovery_key(store, args.to(&out))?;
                println!(
                    "{}",
                    typography(&format!(
                        "Clé de secours écrite : {} — imprimez-la, rangez-la à part, puis supprimez le fichier.",
                        out.display()
                    ))
                );
                Ok(())
            })
        }
        ["export", "synthesis", id, rest @ ..] => {
            let (id, out) = match convention_and_out(&args, id, rest, "pdf") {
                Ok(x) => x,
                Err(code) => return code,
            };
            with_store(&db, |store| {
                crate::export::synthesis_note(store, id, args.to(&out), Local::now().date_naive())?;
                println!(
                    "{}",
                    typography(&format!("Note de synthèse écrite : {}", out.display()))
                );
                Ok(())
            })
        }
        ["export", which @ ("minutes" | "attendance"), id, rest @ ..] => {
            let Ok(id) = id.parse::<i64>() else {
                return fail(format!("Numéro de réunion invalide : « {id} »."));
            };
            let (out, details) = match rest {
                ["--out", out] => (args.path(out), false),
                ["--out", out, "--contact-details"] | ["--contact-details", "--out", out] => {
                    (args.path(out), true)
                }
                _ => return fail("Indiquez le fichier de sortie : --out FICHIER.pdf"),
            };
            if details && *which == "minutes" {
                return fail("--contact-details ne vaut que pour la feuille d'émargement.");
            }
            with_store(&db, |store| {
                let today = Local::now().date_naive();
                let id = MeetingId(id);
                let document = if *which == "minutes" {
                    crate::export::minutes(store, id, args.to(&out), today)?;
                    "Compte rendu écrit"
                } else {
                    crate::export::attendance_sheet(store, id, args.to(&out), details, today)?;
                    "Feuille d'émargement écrite"
                };
                println!("{}", typography(&format!("{document} : {}", out.display())));
                Ok(())
            })
        }
        ["meetings", "list", rest @ ..] => {
            let convention = match rest {
                [] => None,
                ["--convention", id] => match id.parse::<i64>() {
                    Ok(id) => Some(ConventionId(id)),
                    Err(_) => return fail(format!("Numéro de convention invalide : « {id} ».")),
                },
                _ => return fail("Usage : agora meetings list [--convention ID]"),
            };
            with_store(&db, |store| {
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
                // A closed pipe (`| head`) is not an error of the listing.
                let _ = std::io::Write::write_all(&mut std::io::stdout(), listing.as_bytes());
                Ok(())
            })
        }
        ["convention", "list"] => with_store(&db, |store| {
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
                listing.push_str(&format!(
                    "{:>4}  {:<16} {}  ({}) · {dates} · tâches {}/{}{}\n",
                    c.id,
                    c.status.label(),
                    c.title,
                    if c.theme.is_empty() {
                        "sans thème"
                    } else {
                        c.theme.as_str()
                    },
                    c.tasks_done,
                    c.tasks_total,
                    if c.archived { " · archivée" } else { "" }
                ));
            }
            listing.push_str(&format!("{} convention(s).\n", rows.len()));
            let _ = std::io::Write::write_all(&mut std::io::stdout(), listing.as_bytes());
            Ok(())
        }),
        ["convention", "ics", id, rest @ ..] => {
            let (id, out) = match convention_and_out(&args, id, rest, "ics") {
                Ok(x) => x,
                Err(code) => return code,
            };
            with_store(&db, |store| {
                crate::export::calendar(store, id, args.to(&out))?;
                println!(
                    "{}",
                    typography(&format!("Calendrier écrit : {}", out.display()))
                );
                Ok(())
            })
        }
        ["export", which @ ("followup" | "rules"), id, rest @ ..] => {
            let (id, out) = match convention_and_out(&args, id, rest, "pdf") {
                Ok(x) => x,
                Err(code) => return code,
            };
            with_store(&db, |store| {
                let today = Local::now().date_naive();
                let document = if *which == "rules" {
                    crate::export::rules(store, id, args.to(&out), today)?;
                    "Règles du jeu écrites"
                } else {
                    crate::export::followup(store, id, args.to(&out), today)?;
                    "Tableau de suivi écrit"
                };
                println!("{}", typography(&format!("{document} : {}", out.display())));
                Ok(())
            })
        }
        [
            "export",
            which @ ("draw" | "portfolio" | "panel"),
            id,
            rest @ ..,
        ] => {
            let ext = match *which {
                "draw" => "pdf",
                "portfolio" => "json",
                _ => "csv",
            };
            let (id, out) = match convention_and_out(&args, id, rest, ext) {
                Ok(x) => x,
                Err(code) => return code,
            };
            with_store(&db, |store| {
                let document = match *which {
                    "draw" => {
                        crate::export::draw_minutes(
                            store,
                            id,
                            args.to(&out),
                            Local::now().date_naive(),
                        )?;
                        "Procès-verbal de tirage au sort écrit"
                    }
                    "portfolio" => {
                        crate::export::portfolio_json(store, id, args.to(&out))?;
                        "Portefeuille du tirage écrit"
                    }
                    _ => {
                        crate::export::panel_csv(store, id, args.to(&out))?;
                        "Panel tiré écrit"
                    }
                };
                println!("{}", typography(&format!("{document} : {}", out.display())));
                Ok(())
            })
        }
        ["proposals", "import-followup", id, file, rest @ ..] => {
            let Ok(id) = id.parse::<i64>() else {
                return fail(format!("Numéro de convention invalide : « {id} »."));
            };
            let dry_run = match rest {
                [] => false,
                ["--dry-run"] => true,
                _ => {
                    return fail(
                        "Usage : agora proposals import-followup ID FICHIER.csv [--dry-run]",
                    );
                }
            };
            let bytes = match std::fs::read(args.path(file)) {
                Ok(b) => b,
                Err(e) => return fail(format!("Le fichier « {file} » n'a pas pu être lu : {e}")),
            };
            import_followup(&db, ConventionId(id), &bytes, dry_run)
        }
        ["contacts", "import", file, rest @ ..] => {
            let mut dry_run = false;
            let mut policy = crate::store::Duplicates::Skip;
            let mut rest = rest.iter();
            while let Some(a) = rest.next() {
                match (*a, rest.as_slice().first().copied()) {
                    ("--dry-run", _) => dry_run = true,
                    ("--doublons", Some(p)) => {
                        rest.next();
                        policy = match p {
                            "ignorer" => crate::store::Duplicates::Skip,
                            "fusionner" => crate::store::Duplicates::Merge,
                            "creer" | "créer" => crate::store::Duplicates::Create,
                            _ => return fail("--doublons attend ignorer, fusionner ou creer"),
                        };
                    }
                    _ => return fail(format!("Option inconnue : {a}")),
                }
            }
            let bytes = match std::fs::read(args.path(file)) {
                Ok(b) => b,
                Err(e) => return fail(format!("Le fichier « {file} » n'a pas pu être lu : {e}")),
            };
            import_contacts(&db, file, &bytes, dry_run, policy)
        }
        ["contacts", "list", rest @ ..] => {
            let (search, count) = match rest {
                [] => (String::new(), false),
                ["--count"] => (String::new(), true),
                ["--search", s] => (s.to_string(), false),
                ["--search", s, "--count"] | ["--count", "--search", s] => (s.to_string(), true),
                _ => return fail("Usage : agora contacts list [--search TEXTE] [--count]"),
            };
            with_store(&db, |store| {
                let filter = crate::store::ContactFilter {
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
                let _ = std::io::Write::write_all(&mut std::io::stdout(), listing.as_bytes());
                Ok(())
            })
        }
        ["contacts", which @ ("show" | "anonymise"), id] => {
            let Ok(id) = id.parse::<i64>() else {
                return fail(format!("Numéro de contact invalide : « {id} »."));
            };
            let id = crate::domain::ids::ContactId(id);
            if *which == "show" {
                with_store(&db, |store| {
                    print!("{}", contact_sheet(store, id)?);
                    Ok(())
                })
            } else {
                with_store(&db, |store| {
                    let mentions = store.anonymise_contact(id, Local::now().date_naive())?;
                    println!(
                        "{}",
                        typography(&format!(
                            "Contact n° {id} anonymisé : son identité est effacée, ses participations restent pour les statistiques."
                        ))
                    );
                    if !mentions.is_empty() {
                        println!(
                            "{}",
                            typography("Ces textes libres citent encore son nom : modifiez-les.")
                        );
                        for m in mentions {
                            println!("  {}", typography(&m.place));
                        }
                    }
                    Ok(())
                })
            }
        }
        ["contacts", "export", file, rest @ ..] => {
            let search = match rest {
                [] => String::new(),
                ["--search", s] => s.to_string(),
                _ => return fail("Usage : agora contacts export FICHIER.csv [--search TEXTE]"),
            };
            with_store(&db, |store| {
                let n = crate::export::contacts_csv(
                    store,
                    &crate::store::ContactFilter {
                        search,
                        ..Default::default()
                    },
                    args.to(&args.path(file)),
                )?;
                println!(
                    "{}",
                    typography(&format!(
                        "{n} contact(s) exporté(s) dans {file} (export journalisé)."
                    ))
                );
                Ok(())
            })
        }
        _ => {
            eprintln!("Commande inconnue : {}\n\n{}", words.join(" "), help());
            ExitCode::from(2)
        }
    }
}

/// Checks a follow-up file, prints the report, and applies it unless `dry_run`.
fn import_followup(db: &Path, id: ConventionId, bytes: &[u8], dry_run: bool) -> ExitCode {
    let mut store = match open_store(db) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut report = crate::import::followup::parse(bytes);
    if let Err(e) = store.check_followup(id, &mut report) {
        return fail(e);
    }
    for l in report.lines.iter().filter(|_| report.is_clean()) {
        println!(
            "{}",
            typography(&format!(
                "Ligne {} : proposition n° {} → {}, {}\u{202F}%{}",
                l.line,
                l.number,
                l.status.label(),
                l.progress,
                if l.answer.is_empty() {
                    ""
                } else {
                    ", avec une réponse"
                }
            ))
        );
    }
    if !report.is_clean() {
        for e in &report.errors {
            eprintln!("{}", typography(e));
        }
        let _ = store.close();
        return fail(format!(
            "Fichier refusé : {} ligne(s) en erreur. Rien n'a été appliqué.",
            report.errors.len()
        ));
    }
    if dry_run {
        println!(
            "{}",
            typography(&format!(
                "Vérification seule : {} ligne(s) prêtes, rien n'a été appliqué.",
                report.lines.len()
            ))
        );
        let _ = store.close();
        return ExitCode::SUCCESS;
    }
    let result = store.apply_followup(id, &report, Local::now().date_naive());
    let closed = store.close();
    match (result, closed) {
        (Ok(n), Ok(_)) => {
            println!(
                "{}",
                typography(&format!("{n} proposition(s) mises à jour."))
            );
            ExitCode::SUCCESS
        }
        (Err(e), _) => fail(e),
        (_, Err(e)) => fail(e),
    }
}

/// Reads a contact file, prints the report by line, and imports it unless `dry_run`.
fn import_contacts(
    db: &Path,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
    policy: crate::store::Duplicates,
) -> ExitCode {
    let file = crate::import::contacts::read(bytes, Local::now().date_naive());
    let mapped: Vec<String> = file
        .header
        .iter()
        .zip(&file.mapping)
        .map(|(h, m)| match m {
            Some(f) => format!("« {h} » → {}", f.label()),
            None => format!("« {h} » → ignorée"),
        })
        .collect();
    if !mapped.is_empty() {
        println!(
            "{}",
            typography(&format!("Colonnes : {}", mapped.join(", ")))
        );
    }
    if !file.is_clean() {
        for e in &file.errors {
            eprintln!("{}", typography(e));
        }
        return fail(format!(
            "Fichier refusé : {} ligne(s) en erreur. Rien n'a été importé.",
            file.errors.len()
        ));
    }
    let mut store = match open_store(db) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let duplicates = match store.import_duplicates(&file.rows) {
        Ok(d) => d,
        Err(e) => return fail(e),
    };
    for (line, id, existing) in &duplicates {
        println!(
            "{}",
            typography(&format!(
                "Ligne {line} : doublon probable de « {existing} » (contact n° {id})"
            ))
        );
    }
    println!(
        "{}",
        typography(&format!(
            "{} ligne(s) valides, {} doublon(s) probable(s).",
            file.rows.len(),
            duplicates.len()
        ))
    );
    if dry_run {
        println!(
            "{}",
            typography("Vérification seule : rien n'a été importé.")
        );
        let _ = store.close();
        return ExitCode::SUCCESS;
    }
    let result = store.import_contacts(&file, policy, name);
    let closed = store.close();
    match (result, closed) {
        (Ok(r), Ok(_)) => {
            println!(
                "{}",
                typography(&format!(
                    "Import terminé : {} créé(s), {} fusionné(s), {} doublon(s) laissé(s), {} consentement(s).",
                    r.created, r.merged, r.skipped, r.consents
                ))
            );
            ExitCode::SUCCESS
        }
        (Err(e), _) => fail(e),
        (_, Err(e)) => fail(e),
    }
}

/// A convention number and `--out FILE`, or the failure already said.
fn convention_and_out(
    args: &Args,
    id: &str,
    rest: &[&str],
    extension: &str,
) -> Result<(ConventionId, PathBuf), ExitCode> {
    let Ok(n) = id.parse::<i64>() else {
        return Err(fail(format!("Numéro de convention invalide : « {id} ».")));
    };
    match rest {
        ["--out", out] => Ok((ConventionId(n), args.path(out))),
        _ => Err(fail(format!(
            "Indiquez le fichier de sortie : --out FICHIER.{extension}"
        ))),
    }
}

/// Opens the store; an encrypted one with its passphrase (AGORA_PHRASE, else asked)
/// or its recovery key (AGORA_CLE_DE_SECOURS).
fn open_store(db: &Path) -> Result<Store, store::StoreError> {
    match store_key(db)? {
        Some(key) => Store::open_with_key(db, key),
        None => Store::open(db),
    }
}

/// The key of an encrypted store at `db` (none for a store that is not encrypted).
fn store_key(db: &Path) -> Result<Option<store::Key>, store::StoreError> {
    if !store::cipher::is_encrypted(db) {
        return Ok(None);
    }
    if let Ok(text) = std::env::var("AGORA_CLE_DE_SECOURS") {
        return store::Key::from_recovery(&text)
            .map(Some)
            .ok_or(store::StoreError::WrongKey);
    }
    let phrase = read_secret("Phrase de passe de la base : ", "AGORA_PHRASE")?;
    store::Key::derive(&phrase, &store::cipher::read_params(db)?).map(Some)
}

/// A new passphrase: AGORA_NOUVELLE_PHRASE, else asked twice.
fn new_passphrase() -> Result<String, store::StoreError> {
    if let Ok(p) = std::env::var("AGORA_NOUVELLE_PHRASE") {
        return Ok(p);
    }
    let first = read_secret("Nouvelle phrase de passe : ", "")?;
    let again = read_secret("La même, une seconde fois : ", "")?;
    if first != again {
        return Err(store::StoreError::PhrasesDiffer);
    }
    Ok(first)
}

/// A secret from the environment variable `var`, else a line typed after `prompt`.
fn read_secret(prompt: &str, var: &str) -> Result<String, store::StoreError> {
    if let Some(value) = (!var.is_empty()).then(|| std::env::var(var).ok()).flatten() {
        return Ok(value);
    }
    eprint!("{}", typography(prompt));
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn with_store(
    db: &Path,
    f: impl FnOnce(&mut Store) -> Result<(), Box<dyn std::error::Error>>,
) -> ExitCode {
    let mut store = match open_store(db) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let result = f(&mut store);
    let closed = store.close();
    match (result, closed) {
        (Err(e), _) => fail(e),
        (Ok(()), Err(e)) => fail(e),
        (Ok(()), Ok(_)) => ExitCode::SUCCESS,
    }
}

fn check(db: &Path) -> ExitCode {
    if !db.exists() {
        return fail(format!(
            "Aucune base à l'emplacement {} : rien à vérifier.",
            db.display()
        ));
    }
    let store = match open_store(db) {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    match store.check() {
        Ok(report) => {
            println!("Base : {}", db.display());
            println!("Version du schéma : {}", report.schema_version);
            println!("Contrôle d'intégrité : {}", report.integrity);
            println!(
                "Clés étrangères invalides : {}",
                report.foreign_key_violations
            );
            for (label, n) in &report.counts {
                println!("  {label:<26} {n:>8}");
            }
            if report.healthy() {
                println!("La base est saine.");
                ExitCode::SUCCESS
            } else {
                fail("La base est endommagée : restaurez une sauvegarde (agora restore FICHIER).")
            }
        }
        Err(e) => fail(e),
    }
}

/// A contact's sheet as text: identity, quota attributes, consents, participations
/// and the journal of the record.
fn contact_sheet(
    store: &Store,
    id: crate::domain::ids::ContactId,
) -> Result<String, Box<dyn std::error::Error>> {
    let c = store.contact(id)?;
    let mut out = format!("Contact n° {id} : {}\n", c.display_name());
    let mut field = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            out.push_str(&typography(&format!("  {label} : {value}\n")));
        }
    };
    field("Type", c.kind.label());
    field("Structure", &c.organisation);
    field("Fonction", &c.role);
    field("Courriel", &c.email);
    field("Téléphone", &c.phone);
    field(
        "Adresse",
        &format!("{} {} {}", c.address, c.postal_code, c.city),
    );
    field("Secteur", c.sector.map_or("", |s| s.label()));
    field("Genre", &c.gender);
    field("Tranche d'âge", &c.age_band);
    field("Notes", &c.notes);
    field("Étiquettes", &c.tags.join(", "));
    if c.do_not_contact {
        out.push_str("  Ne plus contacter.\n");
    }
    for k in store.consents(id)? {
        out.push_str(&typography(&format!(
            "  Consentement « {} » {} le {} ({})\n",
            k.scope.label(),
            if k.given { "donné" } else { "retiré" },
            k.date.format("%d/%m/%Y"),
            k.channel.label()
        )));
    }
    for p in store.participations(id)? {
        out.push_str(&typography(&format!(
            "  Convention « {} » : {}\n",
            p.convention_title,
            p.role.label()
        )));
    }
    for e in store.journal_of("contact", id.0, 50)? {
        out.push_str(&typography(&format!(
            "  {} — {}\n",
            e.at.format("%d/%m/%Y %H:%M"),
            e.summary
        )));
    }
    Ok(out)
}
