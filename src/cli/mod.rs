//! Headless commands for scripting, verification and tests, and the choice between
//! them and the window.
//!
//! Every command is one line of [`COMMANDS`]: the words that name it, what follows
//! them, what it does, and the function that runs it. The help is printed from that
//! table, so a command cannot be missing from it. A new command is a function
//! `fn(&Context, &[&str]) -> Result<(), String>` in the module of its subject
//! (`dossier`, `documents`, `records`, `draw`) and a line in the table; its `Err` is
//! the French sentence the person reads. The table is written by hand rather than
//! with clap: clap's own errors and help headings are English, and the whole parser
//! here is the lookup below plus [`args`].
//!
//! `--data-dir DIR` and `--remplacer` are global: accepted before or after any
//! command.

mod args;
mod attachments;
mod charter;
mod dispositifs;
mod documents;
mod dossier;
mod draw;
mod records;
mod veille;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::domain::text::typography;
use crate::store::{self, Store};
use crate::ui::Panel;

use args::Args;
pub use args::default_data_dir;

/// One headless command.
pub struct Command {
    /// The words that name it, as typed after `agora`.
    pub words: &'static [&'static str],
    /// What follows the words, for the help; a line break continues it below.
    pub usage: &'static str,
    /// What it does, for the help; a line break continues it below.
    pub does: &'static str,
    /// Runs it on the words that follow its own.
    pub run: fn(&Context, &[&str]) -> Result<(), String>,
}

/// The commands on the store, in the order of the help.
pub static COMMANDS: &[Command] = &[
    Command {
        words: &["demo"],
        usage: "",
        does: "crée le dossier de démonstration (base vide)",
        run: dossier::demo,
    },
    Command {
        words: &["check"],
        usage: "",
        does: "vérifie la base : intégrité, schéma, effectifs",
        run: dossier::check,
    },
    Command {
        words: &["backup"],
        usage: "",
        does: "sauvegarde vérifiée immédiate",
        run: dossier::backup,
    },
    Command {
        words: &["restore"],
        usage: "FICHIER",
        does: "remplace la base par une sauvegarde",
        run: dossier::restore,
    },
    Command {
        words: &["chiffrer"],
        usage: "",
        does: "chiffre la base et ses prochaines sauvegardes\n(version construite avec le chiffrement)",
        run: dossier::encrypt,
    },
    Command {
        words: &["cle-de-secours"],
        usage: "--out FICHIER.txt",
        does: "écrit la clé de secours d'une base chiffrée,\nà imprimer et à garder à part",
        run: documents::recovery_key,
    },
    Command {
        words: &["export", "synthesis"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte la note de synthèse d'une convention",
        run: documents::synthesis,
    },
    Command {
        words: &["export", "dossier"],
        usage: "ID --out FICHIER.pdf [--sections …] [--annexes …]",
        does: "exporte le dossier complet d'une convention ; sections :\nmandat, gouvernance, regles, calendrier, panel,\nreunions, actions, propositions, budget, risques,\nchronologie ; annexes : comptes-rendus, pv, regles,\nemargements, ou aucune (sans liste : le dernier choix)",
        run: documents::dossier,
    },
    Command {
        words: &["export", "attestations"],
        usage: "CONVENTION --out FICHIER.pdf [--contact ID]",
        does: "exporte les attestations de participation (une page\npar personne présente, ou celle d'une personne)",
        run: documents::attestations,
    },
    Command {
        words: &["export", "rapport"],
        usage: "ANNÉE --out FICHIER.pdf (ou --du … --au …)",
        does: "exporte le rapport d'activité d'une année\n(ou d'une période, dates JJ/MM/AAAA)",
        run: documents::activity_report,
    },
    Command {
        words: &["export", "minutes"],
        usage: "RÉUNION --out FICHIER.pdf",
        does: "exporte le compte rendu d'une réunion",
        run: documents::minutes,
    },
    Command {
        words: &["export", "attendance"],
        usage: "RÉUNION --out FICHIER.pdf [--contact-details]",
        does: "exporte la feuille d'émargement (sans\ncourriels ni téléphones par défaut)",
        run: documents::attendance,
    },
    Command {
        words: &["export", "followup"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte le tableau de suivi des propositions",
        run: documents::followup,
    },
    Command {
        words: &["export", "rules"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte les règles du jeu (dernière version)",
        run: documents::rules,
    },
    Command {
        words: &["export", "draw"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte le procès-verbal du dernier tirage",
        run: documents::draw_minutes,
    },
    Command {
        words: &["export", "portfolio"],
        usage: "ID --out FICHIER.json",
        does: "exporte le portefeuille publié (1 000 panels)",
        run: documents::portfolio,
    },
    Command {
        words: &["export", "panel"],
        usage: "ID --out FICHIER.csv",
        does: "exporte le panel tiré, pour « agora draw verify »",
        run: documents::panel,
    },
    Command {
        words: &["export", "fiche-experience"],
        usage: "[dispositif] ID --out FICHIER.pdf",
        does: "exporte la fiche d'expérience d'une convention\n(ou d'un dispositif)",
        run: dispositifs::experience,
    },
    Command {
        words: &["export", "fiche"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte la fiche d'une interpellation",
        run: dispositifs::fiche,
    },
    Command {
        words: &["export", "lettre"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte la lettre de recevabilité à l'auteur·rice\nd'une interpellation",
        run: dispositifs::letter,
    },
    Command {
        words: &["export", "mediation"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte le rapport de médiation d'une interpellation",
        run: dispositifs::report,
    },
    Command {
        words: &["export", "instance"],
        usage: "ID ANNÉE --out FICHIER.pdf",
        does: "exporte le rapport annuel d'une instance\nconsultative",
        run: dispositifs::body_report,
    },
    Command {
        words: &["export", "budget"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte les résultats du vote d'un budget participatif",
        run: dispositifs::budget_results,
    },
    Command {
        words: &["export", "budget-suivi"],
        usage: "ID --out FICHIER.pdf",
        does: "exporte le suivi des réalisations d'un budget\nparticipatif",
        run: dispositifs::budget_delivery,
    },
    Command {
        words: &["dispositifs", "list"],
        usage: "[--kind TYPE]",
        does: "liste les dispositifs et où chacun en est ; TYPE :\ninterpellation, instance, budget ou accompagnement",
        run: dispositifs::list,
    },
    Command {
        words: &["interpellations", "list"],
        usage: "",
        does: "liste les interpellations : étape, soutiens,\nprochaine échéance",
        run: dispositifs::interpellations,
    },
    Command {
        words: &["veille", "search"],
        usage: "TEXTE",
        does: "cherche dans les notes de veille (accents\nignorés, débuts de mots)",
        run: veille::search,
    },
    Command {
        words: &["veille", "export"],
        usage: "[--tag T] [--search TEXTE] --out F.pdf",
        does: "exporte une note de veille (les notes choisies)",
        run: veille::export,
    },
    Command {
        words: &["veille", "import"],
        usage: "FICHIER.csv|DOSSIER [--dry-run]",
        does: "importe des signets (titre ; url ; date ;\nétiquettes) ou un dossier de fichiers Markdown,\ntout ou rien",
        run: veille::import,
    },
    Command {
        words: &["attachments", "list"],
        usage: "",
        does: "liste les pièces jointes et leur fiche",
        run: attachments::list,
    },
    Command {
        words: &["attachments", "add"],
        usage: "TYPE ID FICHIER",
        does: "joint un fichier à une fiche (convention, seance,\nreunion, proposition, dispositif, contact, veille,\nappel)",
        run: attachments::add,
    },
    Command {
        words: &["attachments", "check"],
        usage: "",
        does: "vérifie que chaque pièce jointe est présente et\nintacte (empreinte SHA-256)",
        run: attachments::check,
    },
    Command {
        words: &["charte", "list"],
        usage: "",
        does: "liste les chartes : articles, contributions\npar suite donnée, pactes",
        run: charter::list,
    },
    Command {
        words: &["charte", "export"],
        usage: "ID [--contributions] --out F.pdf",
        does: "exporte la charte et ce qui a changé (ou le\ntableau des contributions et des réponses)",
        run: charter::export,
    },
    Command {
        words: &["convention", "list"],
        usage: "",
        does: "liste les conventions (statut, dates, tâches)",
        run: records::conventions,
    },
    Command {
        words: &["convention", "ics"],
        usage: "ID --out FICHIER.ics",
        does: "exporte le calendrier des séances d'une convention",
        run: documents::calendar,
    },
    Command {
        words: &["meetings", "list"],
        usage: "[--convention ID]",
        does: "liste les réunions, les plus récentes d'abord",
        run: records::meetings,
    },
    Command {
        words: &["proposals", "import-followup"],
        usage: "ID FICHIER.csv [--dry-run]",
        does: "applique un suivi (numéro ; statut ; avancement ;\nréponse), tout ou rien ; --dry-run vérifie seulement",
        run: records::import_followup,
    },
    Command {
        words: &["contacts", "import"],
        usage: "FICHIER.csv [--dry-run] [--doublons ignorer|fusionner|creer]",
        does: "importe des contacts (export Excel), tout ou rien",
        run: records::import_contacts,
    },
    Command {
        words: &["contacts", "list"],
        usage: "[--search TEXTE] [--count]",
        does: "liste (ou compte) les contacts trouvés",
        run: records::contacts,
    },
    Command {
        words: &["contacts", "export"],
        usage: "FICHIER.csv [--search TEXTE]",
        does: "exporte les contacts trouvés (journalisé)",
        run: documents::contacts,
    },
    Command {
        words: &["contacts", "show"],
        usage: "ID",
        does: "affiche la fiche d'un contact (consentements,\nparticipations, journal)",
        run: records::contact_sheet,
    },
    Command {
        words: &["contacts", "anonymise"],
        usage: "ID",
        does: "efface l'identité d'un contact (après une\nsauvegarde) et dit quels textes le citent encore",
        run: records::anonymise,
    },
];

const HEAD: &str = "Agora — le poste de travail de la Mission Démocratie locale

Usage : agora [--data-dir DOSSIER] [COMMANDE]

Sans commande, ouvre la fenêtre (option : --open PANNEAU, l'un de
tableau-de-bord, conventions, contacts, tirage, reunions, documents, memoire, dispositifs, parametres).";

const TAIL: &str = "Base chiffrée : la phrase de passe est lue dans la variable AGORA_PHRASE, sinon
demandée ; pour « chiffrer », la nouvelle dans AGORA_NOUVELLE_PHRASE, sinon demandée
deux fois. Une clé de secours remplace la phrase : AGORA_CLE_DE_SECOURS.

Options globales :
  --data-dir DOSSIER   dossier des données (par défaut, celui de l'utilisateur)
  --remplacer          un export peut remplacer un fichier existant d'un autre type
                       (sans cette option, seul un export précédent du même type est
                       remplacé ; un portefeuille publié ne l'est jamais)
  --help               cette aide
  --version            la version

Les enregistrements sont désignés par leur numéro (la convention de démonstration est 1).
Un document imprimable (FICHIER.pdf) s'écrit en OpenDocument, version accessible et
modifiable qu'ouvrent LibreOffice et Word, quand son nom finit par .odt.";

/// The column where the help's descriptions start.
const DOES_COLUMN: usize = 40;

/// The help's lines for a table of commands.
fn help_lines(commands: &[Command]) -> String {
    let mut out = String::new();
    for c in commands {
        let mut usage = c.usage.lines();
        let head = [c.words.join(" "), usage.next().unwrap_or("").to_string()]
            .join(" ")
            .trim_end()
            .to_string();
        let mut does = c.does.lines();
        let continued: Vec<&str> = usage.collect();
        if head.chars().count() + 3 <= DOES_COLUMN && continued.is_empty() {
            let pad = DOES_COLUMN - 2 - head.chars().count();
            out.push_str(&format!(
                "  {head}{}{}\n",
                " ".repeat(pad),
                does.next().unwrap_or("")
            ));
        } else {
            out.push_str(&format!("  {head}\n"));
            for line in continued {
                out.push_str(&format!("        {line}\n"));
            }
        }
        for line in does {
            out.push_str(&format!("{}{line}\n", " ".repeat(DOES_COLUMN)));
        }
    }
    out
}

/// The whole help text.
fn help() -> String {
    format!(
        "{HEAD}\n\nCommandes :\n{}\nTirage au sort (fichiers seulement, sans la base) :\n{}\n{TAIL}",
        help_lines(COMMANDS),
        help_lines(draw::COMMANDS)
    )
}

/// The command a line of words names, and the words after its own.
fn find<'w>(words: &'w [&'w str]) -> Option<(&'static Command, &'w [&'w str])> {
    COMMANDS
        .iter()
        .chain(draw::COMMANDS)
        .find(|c| words.starts_with(c.words))
        .map(|c| (c, &words[c.words.len()..]))
}

/// What every command is handed: the data folder and the command line.
pub struct Context<'a> {
    args: &'a Args,
    /// The data folder.
    pub dir: PathBuf,
    /// The store file in it.
    pub db: PathBuf,
}

impl Context<'_> {
    /// The path a word of the command stands for, byte for byte as given.
    pub fn path(&self, word: &str) -> PathBuf {
        self.args.path(word)
    }

    /// An export's destination: `--remplacer` lets it replace a file of another kind.
    pub fn to<'p>(&self, path: &'p Path) -> crate::export::Destination<'p> {
        crate::export::Destination {
            path,
            replace: self.args.replace,
        }
    }

    /// `--remplacer` was given.
    pub fn replace(&self) -> bool {
        self.args.replace
    }

    /// Opens the store (asking for the passphrase of an encrypted one), runs `f` and
    /// closes the store; the first failure is the result.
    pub fn with_store<E: std::fmt::Display>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<(), E>,
    ) -> Result<(), String> {
        let mut store = dossier::open_store(&self.db).map_err(|e| e.to_string())?;
        let result = f(&mut store).map_err(|e| e.to_string());
        let closed = store.close().map_err(|e| e.to_string());
        result.and(closed.map(|_| ()))
    }
}

/// Prints a sentence typeset for French (no-break spaces before « : ; ! ? »).
pub fn say(text: impl AsRef<str>) {
    println!("{}", typography(text.as_ref()));
}

/// Prints a long listing at once; a closed pipe (`| head`) is not an error of it.
pub fn print_listing(listing: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stdout(), listing.as_bytes());
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("{}", typography(&message.to_string()));
    ExitCode::FAILURE
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let args = match args::parse(std::env::args_os().skip(1)) {
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
    let words: Vec<&str> = args.words.iter().map(String::as_str).collect();
    let _log = crate::diagnostics::start(&dir);
    if words.is_empty() {
        tracing::info!("window");
        return window(&args, dir.join(store::DB_FILE));
    }
    let Some((command, rest)) = find(&words) else {
        eprintln!("Commande inconnue : {}\n\n{}", words.join(" "), help());
        return ExitCode::from(2);
    };
    // The command's name only: its arguments may name a person or a file.
    tracing::info!(command = command.words.join(" "), "command");
    let cx = Context {
        args: &args,
        db: dir.join(store::DB_FILE),
        dir,
    };
    match (command.run)(&cx, rest) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::warn!(command = command.words.join(" "), "command failed");
            fail(e)
        }
    }
}

/// No command: the window, on the panel `--open` names.
fn window(args: &Args, db: PathBuf) -> ExitCode {
    let panel = match args.open.as_deref().map(Panel::from_slug) {
        None => None,
        Some(Some(p)) => Some(p),
        Some(None) => {
            return fail(format!(
                "Panneau inconnu : « {} ».\n\n{}",
                args.open.clone().unwrap_or_default(),
                help()
            ));
        }
    };
    match crate::ui::run(db, panel) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("La fenêtre n'a pas pu s'ouvrir : {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_in_the_help_once_and_found_by_its_words() {
        let help = help();
        let all: Vec<&Command> = COMMANDS.iter().chain(draw::COMMANDS).collect();
        for c in &all {
            let line = format!("  {} ", c.words.join(" "));
            assert!(
                help.contains(&line) || help.contains(&format!("  {}\n", c.words.join(" "))),
                "{line}"
            );
            let mut words = c.words.to_vec();
            words.push("x");
            let (found, rest) = find(&words).unwrap();
            assert!(std::ptr::eq(found, *c), "{:?}", c.words);
            assert_eq!(rest, ["x"]);
        }
        // No command's words begin another's: the first match is the only one.
        for a in &all {
            for b in &all {
                if !std::ptr::eq(*a, *b) {
                    assert!(!b.words.starts_with(a.words), "{:?} {:?}", a.words, b.words);
                }
            }
        }
        assert!(find(&["export"]).is_none());
    }

    #[test]
    fn help_columns_line_up() {
        for line in help_lines(COMMANDS).lines() {
            assert!(line.chars().count() <= 100, "{line}");
        }
        let lines = help_lines(&COMMANDS[..1]);
        assert_eq!(
            lines,
            format!(
                "  demo{}crée le dossier de démonstration (base vide)\n",
                " ".repeat(34)
            )
        );
    }
}
