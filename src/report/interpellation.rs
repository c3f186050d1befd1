//! An interpellation's three documents: the letter telling the filer whether it is
//! admissible and why, the one-page fiche that follows it from filing to its end, and
//! the mediation (or workshop) report sent to every supporter. The fiche and the
//! report do not name the filer; the letter is addressed to them.

use chrono::NaiveDate;

use super::layout::{Block, Document, Table};
use crate::domain::dispositif::Dispositif;
use crate::domain::interpellation::{
    CRITERIA, Interpellation, Level, Rules, Stage, SupportCheck, check_counts,
};
use crate::domain::meeting::Meeting;
use crate::domain::text::{self, date_long, integer, quoted, typography};

/// The letter's name, as logged and used in file names.
pub const LETTER: &str = "Lettre de recevabilité";
/// The fiche's name.
pub const FICHE: &str = "Fiche d’interpellation";
/// The report's name.
pub const REPORT: &str = "Rapport de médiation";

/// One of the three documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    Letter,
    Fiche,
    Report,
}

impl Paper {
    /// Its name, as logged and used in file names.
    pub fn title(self) -> &'static str {
        match self {
            Paper::Letter => LETTER,
            Paper::Fiche => FICHE,
            Paper::Report => REPORT,
        }
    }

    /// The document made of `facts`.
    pub fn build(self, facts: &Facts<'_>) -> Document {
        match self {
            Paper::Letter => letter(facts),
            Paper::Fiche => fiche(facts),
            Paper::Report => report(facts),
        }
    }
}

/// What the three documents are made of.
pub struct Facts<'a> {
    pub dispositif: &'a Dispositif,
    pub interpellation: &'a Interpellation,
    pub rules: &'a Rules,
    pub checks: &'a [SupportCheck],
    pub meetings: &'a [Meeting],
    pub letterhead: &'a str,
    pub today: NaiveDate,
}

impl Facts<'_> {
    fn i(&self) -> &Interpellation {
        self.interpellation
    }

    fn document(&self, title: String, subtitle: String, blocks: Vec<Block>) -> Document {
        Document {
            letterhead: self.letterhead.to_string(),
            title,
            subtitle,
            generated_on: self.today,
            blocks,
            ..Document::default()
        }
    }

    /// The four criteria as assessed, one line each.
    fn criteria_table(&self) -> Block {
        Block::Table(Table {
            columns: vec![
                ("Critère".into(), 2.0),
                ("Rempli".into(), 0.8),
                ("Appréciation".into(), 4.0),
            ],
            rows: CRITERIA
                .iter()
                .zip(&self.i().criteria)
                .map(|(name, a)| {
                    vec![
                        (*name).to_string(),
                        match a.met {
                            Some(true) => "oui",
                            Some(false) => "non",
                            None => "à examiner",
                        }
                        .into(),
                        typography(&a.comment),
                    ]
                })
                .collect(),
            ..Table::default()
        })
    }
}

/// The letter to the filer: admissible, with the campaign's end and the supports to
/// gather; or not, with each criterion not met and its reason.
pub fn letter(f: &Facts<'_>) -> Document {
    let i = f.i();
    let mut blocks = Vec::new();
    let mut to = vec![i.filer.trim().to_string()];
    to.extend(i.filer_address.lines().map(|l| l.trim().to_string()));
    blocks.push(Block::KeyValues(vec![
        ("Destinataire".into(), to.join("\n")),
        (
            "Objet".into(),
            format!(
                "Votre interpellation citoyenne {}",
                quoted(&f.dispositif.title)
            ),
        ),
        (
            "Reçue le".into(),
            i.received.map(date_long).unwrap_or_default(),
        ),
        ("Référence".into(), format!("Interpellation n° {}", i.id)),
    ]));
    blocks.push(Block::Paragraph("Madame, Monsieur,".into()));
    let question = quoted(&i.question);
    let decided = i.decided.map(date_long).unwrap_or_default();
    match i.admissible() {
        Some(true) => {
            blocks.push(Block::Paragraph(typography(&format!(
                "Vous avez adressé à la Ville l’interpellation suivante : {question}. Après examen, la Ville l’a déclarée recevable le {decided} : elle est conforme à la loi, non discriminatoire, relève des compétences de la Ville et présente un intérêt collectif."
            ))));
            let end = i.campaign_end(f.rules).map(date_long).unwrap_or_default();
            blocks.push(Block::Paragraph(typography(&format!(
                "La collecte des soutiens est ouverte jusqu’au {end}. Si elle réunit au moins {} soutiens d’habitantes et d’habitants de {} ans ou plus, une médiation s’engagera entre vous, les services et les élu·es concerné·es ; à partir de {} soutiens, un atelier ; à partir de {} signatures, une votation citoyenne.",
                integer(f.rules.mediation_supports.into()),
                f.rules.min_age,
                integer(f.rules.workshop_supports.into()),
                integer(f.rules.votation_supports.into()),
            ))));
        }
        Some(false) => {
            blocks.push(Block::Paragraph(typography(&format!(
                "Vous avez adressé à la Ville l’interpellation suivante : {question}. Après examen, la Ville l’a déclarée non recevable le {decided}, pour les raisons suivantes :"
            ))));
            blocks.push(Block::List(
                CRITERIA
                    .iter()
                    .zip(&i.criteria)
                    .filter(|(_, a)| a.met == Some(false))
                    .map(|(name, a)| typography(&format!("{name} : {}", a.comment.trim())))
                    .collect(),
            ));
            blocks.push(Block::Paragraph(
                "La mission Démocratie locale reste à votre disposition pour vous orienter vers la démarche ou l’institution à même de répondre à votre question.".into(),
            ));
        }
        None => {
            blocks.push(Block::Paragraph(typography(&format!(
                "Vous avez adressé à la Ville l’interpellation suivante : {question}. Elle est en cours d’examen ; vous recevrez la décision de recevabilité par courrier."
            ))));
        }
    }
    blocks.push(Block::Heading(2, "L’examen des critères".into()));
    blocks.push(f.criteria_table());
    blocks.push(Block::Paragraph(
        "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées."
            .into(),
    ));
    blocks.push(Block::Paragraph("La mission Démocratie locale".into()));
    let mut doc = f.document(
        "Interpellation citoyenne — décision de recevabilité".into(),
        f.dispositif.title.clone(),
        blocks,
    );
    if i.decided.is_none() {
        doc.watermark = Some("PROJET".into());
    }
    doc
}

/// The fiche: the question, the decision, the supports and their check, the steps
/// followed with their dates, the votation, the meetings held.
pub fn fiche(f: &Facts<'_>) -> Document {
    let (d, i, rules) = (f.dispositif, f.i(), f.rules);
    let stage = i.stage(rules, f.today);
    let mut facts = vec![
        ("Question".into(), quoted(&i.question)),
        (
            "Reçue le".into(),
            format!(
                "{}{}",
                i.received.map(date_long).unwrap_or_default(),
                i.channel
                    .map(|c| format!(" ({})", c.label().to_lowercase()))
                    .unwrap_or_default()
            ),
        ),
        ("Où elle en est".into(), stage.label().into()),
    ];
    if let Some(due) = i.next_due(rules, f.today) {
        facts.push((
            "Prochaine échéance".into(),
            format!("{} : {}", due.what, date_long(due.date)),
        ));
    }
    for (label, value) in [
        ("Direction(s)", &d.directorate),
        ("Élu·e", &d.elected_official),
    ] {
        if !value.trim().is_empty() {
            facts.push((label.into(), value.clone()));
        }
    }
    facts.push(("Niveau de participation".into(), d.level.label().into()));
    let mut blocks = vec![Block::KeyValues(
        facts
            .into_iter()
            .map(|(k, v)| (k, typography(&v)))
            .collect(),
    )];

    blocks.push(Block::Heading(2, "Recevabilité".into()));
    blocks.push(Block::Paragraph(match i.admissible() {
        Some(true) => format!(
            "Déclarée recevable le {}.",
            date_long(i.decided.unwrap_or(f.today))
        ),
        Some(false) => format!(
            "Déclarée non recevable le {}.",
            date_long(i.decided.unwrap_or(f.today))
        ),
        None => "En cours d’examen.".into(),
    }));
    blocks.push(f.criteria_table());

    if i.admissible() == Some(true) {
        blocks.push(Block::Heading(2, "Soutiens".into()));
        let mut lines = vec![
            ("Sur papier".into(), integer(i.supports_paper.into())),
            ("En ligne".into(), integer(i.supports_online.into())),
            ("Total".into(), integer(i.supports().into())),
            (
                "Fin de la collecte".into(),
                i.campaign_end(rules).map(date_long).unwrap_or_default(),
            ),
            (
                "Niveau ouvert".into(),
                i.level(rules).map_or_else(
                    || {
                        format!(
                            "aucun (moins de {} soutiens)",
                            integer(rules.mediation_supports.into())
                        )
                    },
                    |l| l.label().to_string(),
                ),
            ),
        ];
        if !f.checks.is_empty() {
            let (valid, invalid, pending) = check_counts(f.checks);
            lines.push((
                "Vérification".into(),
                format!(
                    "{} soutiens tirés au sort sur {} ({} %) : {valid} valide(s), {invalid} non valide(s), {pending} à vérifier{}",
                    f.checks.len(),
                    integer(i.supports().into()),
                    rules.check_percent,
                    i.check_seed
                        .as_deref()
                        .map(|s| format!(" — graine {}", quoted(s)))
                        .unwrap_or_default()
                ),
            ));
        }
        blocks.push(Block::KeyValues(
            lines
                .into_iter()
                .map(|(k, v)| (k, typography(&v)))
                .collect(),
        ));
    }

    let steps: Vec<(String, String)> = [
        ("Première rencontre", i.first_meeting),
        ("Seconde rencontre", i.second_meeting),
        ("Rapport validé par les parties", i.report_agreed),
        ("Rapport envoyé aux soutiens", i.report_sent),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|d| (k.to_string(), date_long(d))))
    .collect();
    if !steps.is_empty() {
        let level = match stage {
            Stage::Following(l) => l,
            _ => i.level(rules).unwrap_or(Level::Mediation),
        };
        blocks.push(Block::Heading(2, level.label().to_string()));
        blocks.push(Block::KeyValues(steps));
    }
    if i.vote.from.is_some() || i.vote.yes.is_some() {
        blocks.push(Block::Heading(2, "Votation".into()));
        let v = &i.vote;
        let mut lines = vec![(
            "Dates".into(),
            match (v.from, v.to) {
                (Some(a), Some(b)) => format!("du {} au {}", date_long(a), date_long(b)),
                (Some(a), None) => format!("à partir du {}", date_long(a)),
                _ => String::new(),
            },
        )];
        if !v.places.trim().is_empty() {
            lines.push(("Lieux de vote".into(), v.places.clone()));
        }
        for (k, n) in [("Votants", v.cast), ("Pour", v.yes), ("Contre", v.no)] {
            if let Some(n) = n {
                lines.push((k.into(), integer(n.into())));
            }
        }
        if let Some(won) = i.vote_won(rules) {
            lines.push((
                "Résultat".into(),
                if won {
                    "adoptée".to_string()
                } else {
                    format!(
                        "non adoptée (il faut plus de votes pour que contre, et au moins {} votes pour)",
                        integer(rules.votation_majority.into())
                    )
                },
            ));
        }
        blocks.push(Block::KeyValues(
            lines
                .into_iter()
                .map(|(k, v)| (k, typography(&v)))
                .collect(),
        ));
    }
    if !f.meetings.is_empty() {
        blocks.push(Block::Heading(2, "Réunions".into()));
        blocks.push(Block::List(
            f.meetings
                .iter()
                .map(|m| typography(&format!("{} — {}", date_long(m.date), m.title)))
                .collect(),
        ));
    }
    f.document(
        format!("Interpellation citoyenne — {}", d.title),
        format!("Fiche au {}", date_long(f.today)),
        blocks,
    )
}

/// The report the parties agreed, with its dates; « PROJET » across the pages until
/// they did.
pub fn report(f: &Facts<'_>) -> Document {
    let i = f.i();
    let mut facts = vec![("Question".into(), quoted(&i.question))];
    for (label, date) in [
        ("Première rencontre", i.first_meeting),
        ("Seconde rencontre", i.second_meeting),
        ("Validé par les parties le", i.report_agreed),
        ("Envoyé aux soutiens le", i.report_sent),
    ] {
        if let Some(d) = date {
            facts.push((label.into(), date_long(d)));
        }
    }
    facts.push((
        "Soutiens".into(),
        format!("{} soutiens réunis", integer(i.supports().into())),
    ));
    let mut blocks = vec![Block::KeyValues(
        facts
            .into_iter()
            .map(|(k, v)| (k, typography(&v)))
            .collect(),
    )];
    if i.report.trim().is_empty() {
        blocks.push(Block::Note("Le rapport n’est pas encore rédigé.".into()));
    }
    blocks.extend(super::text_blocks(&i.report));
    let mut doc = f.document(
        format!("{} — {}", REPORT, f.dispositif.title),
        "Interpellation citoyenne".into(),
        blocks,
    );
    match i.report_agreed {
        Some(d) => doc.stamp = Some(format!("Validé par les parties le {}", text::date_short(d))),
        None => doc.watermark = Some("PROJET".into()),
    }
    doc
}
