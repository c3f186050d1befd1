//! The dossier de convention: the one document a director, an élu or the garants file
//! for a convention — a cover, a sommaire, then one section per part of its life (each
//! its own function in [`section`]), then whole documents as appendices.

use chrono::NaiveDate;

use super::layout::{Bar, BarChart, Block, Cover, Document, Table};
use crate::domain::attachment::{Attachment, Owner, size_label};
use crate::domain::codes::{ActionStatus, AttendanceStatus, MinutesStatus, RiskStatus};
use crate::domain::dossier::{DossierChoice, Section};
use crate::domain::funding::Call;
use crate::domain::meeting::{Action, MeetingRecord};
use crate::domain::overview::ConventionOverview;
use crate::domain::planning::budget_totals;
use crate::domain::proposal::{Answer, Proposal, count_by_status};
use crate::domain::rules::RulesVersion;
use crate::domain::sortition::reference::Reference;
use crate::domain::sortition::{Draw, Pool, Selected, Volunteer};
use crate::domain::text::{self, quoted, typography};
use crate::domain::timeline::TimelineEntry;

/// The document's name in the export log.
pub const DOCUMENT: &str = "Dossier de convention";

/// Everything the dossier prints, read from the store by `export`.
#[derive(Debug, Clone)]
pub struct DossierData {
    pub overview: ConventionOverview,
    /// The adopted rules (the latest adopted version), else the latest draft.
    pub rules: Option<RulesVersion>,
    /// Invitations sent: the rows of every invitation sample drawn.
    pub invitations: u32,
    pub draw: Option<DrawSummary>,
    /// The reference population tables the draw compares with.
    pub references: Vec<Reference>,
    /// The convention's meetings, by date, each with its decisions and actions.
    pub meetings: Vec<MeetingRecord>,
    pub proposals: Vec<(Proposal, Vec<Answer>)>,
    pub timeline: Vec<TimelineEntry>,
    /// The calls for projects that would finance the convention.
    pub calls: Vec<Call>,
    /// The files attached to the convention, its sessions, meetings and proposals:
    /// listed by name (the files themselves are not printed).
    pub attachments: Vec<Attachment>,
}

/// The latest draw, as the dossier tells it.
#[derive(Debug, Clone)]
pub struct DrawSummary {
    pub draw: Draw,
    pub pool: Pool,
    /// Members then reserves, withdrawn members included with their date.
    pub selected: Vec<Selected>,
    /// For a draw from a published list: its SHA-256 and how the panel was chosen
    /// (« numéro public 548 (dés) »); `None` for a draw from a seed alone.
    pub published_list: Option<(String, String)>,
}

impl DrawSummary {
    /// The members sitting on the panel now.
    fn members(&self) -> impl Iterator<Item = &Volunteer> {
        self.selected
            .iter()
            .filter(|s| s.sits())
            .map(|s| &s.volunteer)
    }
}

/// Builds the dossier: the chosen sections, then `appendices` (whole documents laid out
/// by their own modules), each on its own pages.
pub fn build(
    d: &DossierData,
    choice: &DossierChoice,
    appendices: Vec<Document>,
    letterhead: &str,
    today: NaiveDate,
) -> Document {
    let c = &d.overview.convention;
    let mut blocks = vec![Block::Contents];
    for s in &choice.sections {
        blocks.push(Block::Section(s.title().to_string()));
        section::write(*s, d, choice, &mut blocks, today);
    }
    for (i, a) in appendices.into_iter().enumerate() {
        blocks.push(Block::Section(format!("Annexe {} — {}", i + 1, a.title)));
        if !a.subtitle.is_empty() {
            blocks.push(Block::Note(a.subtitle));
        }
        if let Some(w) = a.watermark {
            blocks.push(Block::Note(tf!("Document marqué « {w} ».")));
        }
        blocks.extend(a.blocks);
    }
    if !d.attachments.is_empty() {
        blocks.push(Block::Section("Pièces jointes".into()));
        blocks.push(Block::Note(tf!(
            "Les fichiers joints dans Agora à la convention et à ses séances, réunions et propositions, conservés par la Mission et fournis sur demande."
        )));
        blocks.push(Block::List(
            d.attachments
                .iter()
                .map(|a| {
                    let whose = match a.owner {
                        Some(Owner::Convention(_)) | None => String::new(),
                        Some(o) => format!(" — {} « {} »", o.kind_label(), a.owner_title),
                    };
                    let signed = if a.signed_sheet {
                        " (feuille d’émargement signée)"
                    } else {
                        ""
                    };
                    tf!(
                        "{}{signed}{whose}, {}, joint le {}",
                        a.name,
                        size_label(a.size),
                        text::date_short(a.added_at.date())
                    )
                })
                .collect(),
        ));
    }
    let mut facts = vec![
        ("Thème".into(), typography(&c.theme)),
        ("Période".into(), period(c.start_date, c.end_date)),
        ("Statut".into(), c.status.label().into()),
    ];
    if !c.elected_official.is_empty() {
        facts.push(("Élu·e référent·e".into(), c.elected_official.clone()));
    }
    Document {
        letterhead: letterhead.to_string(),
        title: c.title.clone(),
        subtitle: typography(&c.question),
        generated_on: today,
        blocks,
        watermark: None,
        stamp: None,
        cover: Some(Cover {
            kind: DOCUMENT.into(),
            facts,
            closing: tf!("Dossier établi le {}.", text::date_long(today)),
            logo: None,
        }),
    }
}

/// « du 1er mars au 30 juin 2026 », or what is known of it.
pub(super) fn period(start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("du {} au {}", text::date_long(s), text::date_long(e)),
        (Some(s), None) => format!("à partir du {}", text::date_long(s)),
        (None, Some(e)) => format!("jusqu’au {}", text::date_long(e)),
        (None, None) => "à préciser".into(),
    }
}

/// A rate, or a dash when nobody was expected.
fn rate(part: u32, whole: u32) -> String {
    if whole == 0 {
        "—".into()
    } else {
        text::percent(part as f64 / whole as f64)
    }
}

/// One function per section; each writes a sentence instead when it has nothing.
mod section {
    use super::*;

    pub(super) fn write(
        s: Section,
        d: &DossierData,
        choice: &DossierChoice,
        out: &mut Vec<Block>,
        today: NaiveDate,
    ) {
        match s {
            Section::Mandate => mandate(d, out),
            Section::Governance => governance(d, out),
            Section::Rules => rules(d, choice, out),
            Section::Calendar => calendar(d, out),
            Section::Panel => panel(d, out),
            Section::Meetings => meetings(d, out),
            Section::Actions => actions(d, out, today),
            Section::Proposals => proposals(d, out),
            Section::Budget => budget(d, out),
            Section::Risks => risks(d, out),
            Section::Timeline => timeline(d, out),
        }
    }

    fn empty(out: &mut Vec<Block>, sentence: &str) {
        out.push(Block::Note(sentence.into()));
    }

    fn mandate(d: &DossierData, out: &mut Vec<Block>) {
        let c = &d.overview.convention;
        out.push(Block::KeyValues(vec![
            ("Saisine".into(), typography(&c.mandate_from)),
            ("Question posée".into(), quoted(&typography(&c.question))),
            ("Engagement de la Ville".into(), typography(&c.commitment)),
            ("Élu·e référent·e".into(), c.elected_official.clone()),
            (
                "Démarche".into(),
                format!("{} — {}", c.participation.label(), typography(&c.theme)),
            ),
            ("Période".into(), period(c.start_date, c.end_date)),
            ("Statut".into(), c.status.label().into()),
            ("Panel visé".into(), tf!("{} membres", c.target_panel_size)),
            (
                "Enveloppe budgétaire".into(),
                text::euros(c.budget_envelope_cents),
            ),
        ]));
        if !c.synthesis_text.trim().is_empty() {
            out.push(Block::Heading(2, "Commentaire de la mission".into()));
            out.push(Block::Paragraph(typography(c.synthesis_text.trim())));
        }
    }

    fn governance(d: &DossierData, out: &mut Vec<Block>) {
        let g = &d.overview.governance;
        if g.is_empty() {
            return empty(out, "Aucune instance ni personne désignée.");
        }
        let mut holders = g.clone();
        holders.sort_by_key(|h| (h.role, h.name.clone()));
        out.push(Block::Table(Table {
            columns: vec![
                ("Rôle".into(), 2.2),
                ("Nom".into(), 2.6),
                ("Organisation".into(), 2.6),
                ("Désignation".into(), 3.2),
            ],
            rows: holders
                .iter()
                .map(|h| {
                    let mut how = Vec::new();
                    if !h.mode.is_empty() {
                        how.push(typography(&h.mode));
                    }
                    if let Some(s) = h.since {
                        how.push(format!("depuis le {}", text::date_short(s)));
                    }
                    if let Some(u) = h.until {
                        how.push(format!("jusqu’au {}", text::date_short(u)));
                    }
                    vec![
                        h.role.label().into(),
                        h.name.clone(),
                        h.organisation.clone(),
                        how.join(", "),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    fn rules(d: &DossierData, choice: &DossierChoice, out: &mut Vec<Block>) {
        let Some(v) = &d.rules else {
            return empty(out, "Aucune règle du jeu enregistrée.");
        };
        let state = match v.adopted_on {
            Some(on) => tf!("Version {} adoptée le {}.", v.version, text::date_long(on)),
            None => tf!(
                "BROUILLON — version {} enregistrée le {}, pas encore adoptée.",
                v.version,
                text::date_long(v.saved_at.date())
            ),
        };
        out.push(Block::Paragraph(state));
        for (i, s) in v.sections.iter().enumerate() {
            out.push(Block::Heading(
                2,
                format!("{}. {}", i + 1, typography(&s.title)),
            ));
            let first = s.text.split("\n\n").next().unwrap_or("").trim();
            if !first.is_empty() {
                out.push(Block::Paragraph(typography(first)));
            }
        }
        let whole = if choice
            .appendices
            .contains(&crate::domain::dossier::Appendix::Rules)
        {
            "Le premier paragraphe de chaque partie est repris ici ; le texte intégral est en annexe."
        } else {
            "Le premier paragraphe de chaque partie est repris ici ; le texte intégral s’exporte depuis Conventions → Règles du jeu."
        };
        out.push(Block::Note(whole.into()));
    }

    fn calendar(d: &DossierData, out: &mut Vec<Block>) {
        let o = &d.overview;
        if o.phases.is_empty() && o.sessions.is_empty() {
            return empty(out, "Aucune phase ni séance enregistrée.");
        }
        if !o.phases.is_empty() {
            out.push(Block::Heading(2, "Phases".into()));
            out.push(Block::Table(Table {
                columns: vec![
                    ("Phase".into(), 4.0),
                    ("Période".into(), 4.5),
                    ("Séances".into(), 1.3),
                ],
                rows: o
                    .phases
                    .iter()
                    .map(|p| {
                        let n = o.sessions.iter().filter(|s| s.phase == Some(p.id)).count();
                        vec![
                            typography(&p.name),
                            period(p.start_date, p.end_date),
                            n.to_string(),
                        ]
                    })
                    .collect(),
                ..Table::default()
            }));
        }
        if !o.sessions.is_empty() {
            out.push(Block::Heading(2, "Séances".into()));
            out.push(Block::Table(Table {
                columns: vec![
                    ("Date".into(), 1.5),
                    ("Horaire".into(), 1.6),
                    ("Séance".into(), 4.0),
                    ("Lieu".into(), 3.0),
                ],
                rows: o
                    .sessions
                    .iter()
                    .map(|s| {
                        vec![
                            text::date_short(s.date),
                            format!("{} – {}", text::time(s.start), text::time(s.end)),
                            typography(&s.title),
                            typography(&s.venue),
                        ]
                    })
                    .collect(),
                ..Table::default()
            }));
        }
        out.push(Block::Heading(2, "Présence aux séances".into()));
        if o.attendance.is_empty() {
            return empty(out, "Aucune feuille d’émargement enregistrée.");
        }
        let (present, expected) = o
            .attendance
            .iter()
            .fold((0, 0), |(p, e), a| (p + a.present, e + a.expected));
        out.push(Block::Chart(BarChart {
            bars: o
                .attendance
                .iter()
                .map(|a| Bar {
                    label: format!("{} — {}", text::date_short(a.date), a.title),
                    value: a.present as f32,
                    target: None,
                    caption: format!("{} / {} ({})", a.present, a.expected, rate(a.present, a.expected)),
                })
                .collect(),
            legend: tf!(
                "Présents à chaque séance sur les personnes attendues. Taux de présence moyen : {}.",
                rate(present, expected)
            ),
        }));
    }

    fn panel(d: &DossierData, out: &mut Vec<Block>) {
        let o = &d.overview;
        let Some(draw) = &d.draw else {
            if o.pool_size > 0 {
                out.push(Block::Paragraph(tf!(
                    "{} volontaires dans le vivier ; le panel n’a pas encore été tiré.",
                    text::integer(o.pool_size as i64)
                )));
                return;
            }
            return empty(out, "Ni vivier ni tirage pour l’instant.");
        };
        let active = draw.members().count() as u32;
        out.push(Block::Heading(2, "Du recrutement au panel".into()));
        let mut funnel = Vec::new();
        if d.invitations > 0 {
            funnel.push(("Invitations envoyées", d.invitations));
        }
        funnel.extend([
            ("Volontaires", o.pool_size),
            ("Membres tirés au sort", o.panel_size),
            ("Remplaçant·e·s tirés", o.reserves),
            ("Membres actifs aujourd’hui", active),
        ]);
        out.push(Block::Chart(BarChart {
            bars: funnel
                .iter()
                .map(|(label, n)| Bar {
                    label: (*label).into(),
                    value: *n as f32,
                    target: None,
                    caption: text::integer(*n as i64),
                })
                .collect(),
            legend: String::new(),
        }));
        if !o.composition.is_empty() {
            out.push(Block::Heading(2, "Composition au regard des quotas".into()));
            out.push(super::super::charts::quotas(&o.composition));
        }
        reference_comparison(d, draw, out);
        out.push(Block::Heading(2, "Le tirage".into()));
        let mut facts = vec![
            ("Date".into(), text::date_long(draw.draw.drawn_on)),
            ("Méthode".into(), draw.draw.algorithm.label().into()),
            (
                "Vivier".into(),
                tf!(
                    "{} — {} ({} volontaires)",
                    draw.pool.source.label(),
                    draw.pool.description,
                    text::integer(draw.pool.size as i64)
                ),
            ),
        ];
        match &draw.published_list {
            Some((sha256, how)) => {
                facts.push(("Liste publiée".into(), tf!("empreinte SHA-256 {sha256}")));
                facts.push(("Panel retenu".into(), how.clone()));
            }
            None => facts.push(("Graine".into(), draw.draw.seed.clone())),
        }
        if !draw.draw.witnesses.is_empty() {
            facts.push(("Témoins".into(), typography(&draw.draw.witnesses)));
        }
        out.push(Block::KeyValues(facts));
        let withdrawn: Vec<_> = draw
            .selected
            .iter()
            .filter(|s| s.withdrawn_on.is_some())
            .collect();
        out.push(Block::Heading(2, "Retraits et remplacements".into()));
        if withdrawn.is_empty() {
            return empty(out, "Aucun membre ne s’est retiré.");
        }
        out.push(Block::Table(Table {
            columns: vec![
                ("Membre (pseudonyme)".into(), 2.4),
                ("Retrait le".into(), 1.6),
                ("Remplacé·e par".into(), 2.4),
                ("Comment".into(), 3.6),
            ],
            rows: withdrawn
                .iter()
                .map(|s| {
                    vec![
                        s.volunteer.pseudonym.clone(),
                        s.withdrawn_on.map(text::date_short).unwrap_or_default(),
                        s.replaced_by.clone().unwrap_or_else(|| "—".into()),
                        typography(&s.note),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    /// The active panel's shares beside the reference population's, for each criterion
    /// a reference table describes.
    fn reference_comparison(d: &DossierData, draw: &DrawSummary, out: &mut Vec<Block>) {
        let mut first = true;
        for r in &d.references {
            let counts: Vec<u32> = r
                .shares
                .iter()
                .map(|(value, _)| {
                    draw.members()
                        .filter(|v| {
                            v.attributes
                                .iter()
                                .any(|(k, x)| k == &r.criterion && x == value)
                        })
                        .count() as u32
                })
                .collect();
            if counts.iter().all(|n| *n == 0) {
                continue;
            }
            if first {
                out.push(Block::Heading(
                    2,
                    "Composition au regard de la population".into(),
                ));
                first = false;
            }
            out.extend(super::super::charts::against_population(
                r,
                &counts,
                "les membres actifs du panel",
            ));
        }
    }

    fn meetings(d: &DossierData, out: &mut Vec<Block>) {
        if d.meetings.is_empty() {
            return empty(out, "Aucune réunion enregistrée.");
        }
        for r in &d.meetings {
            let m = &r.meeting;
            out.push(Block::Heading(
                2,
                format!("{} — {}", text::date_short(m.date), typography(&m.title)),
            ));
            let counted: Vec<_> = r
                .attendance
                .iter()
                .filter(|a| a.status != AttendanceStatus::Replaced)
                .collect();
            let present = counted
                .iter()
                .filter(|a| a.status == AttendanceStatus::Present)
                .count();
            let minutes = match &r.minutes {
                None => "aucun".to_string(),
                Some(x) => match (x.status, x.validated_on) {
                    (MinutesStatus::Validated | MinutesStatus::Locked, Some(on)) => {
                        format!("validé le {} (version {})", text::date_short(on), x.version)
                    }
                    (s, _) => format!("{} (version {})", s.label().to_lowercase(), x.version),
                },
            };
            let mut facts = vec![
                ("Type".into(), m.kind.label().into()),
                (
                    "Horaire et lieu".into(),
                    format!(
                        "{} – {}, {}",
                        text::time(m.start),
                        text::time(m.end),
                        typography(&m.venue)
                    ),
                ),
                (
                    "Présence".into(),
                    if counted.is_empty() {
                        "non relevée".into()
                    } else {
                        format!("{present} présent·e·s sur {} inscrit·e·s", counted.len())
                    },
                ),
                ("Compte rendu".into(), minutes),
            ];
            if !r.decisions.is_empty() {
                facts.push((
                    "Décisions".into(),
                    r.decisions
                        .iter()
                        .map(|x| {
                            let vote = if x.vote_result.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", x.vote_result)
                            };
                            typography(&format!("{}. {}{vote}", x.number, x.text))
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ));
            }
            out.push(Block::KeyValues(facts));
        }
    }

    fn actions(d: &DossierData, out: &mut Vec<Block>, today: NaiveDate) {
        // Each action still open, with the meeting that decided it.
        let open: Vec<(&Action, &str)> = d
            .meetings
            .iter()
            .flat_map(|r| r.actions.iter().map(|a| (a, r.meeting.title.as_str())))
            .filter(|(a, _)| a.status == ActionStatus::Open)
            .collect();
        if open.is_empty() {
            return empty(out, "Aucune action en cours.");
        }
        let late = open
            .iter()
            .filter(|(a, _)| a.due.is_some_and(|d| d < today))
            .count();
        out.push(Block::Paragraph(tf!(
            "{} actions en cours, dont {late} en retard.",
            open.len()
        )));
        out.push(Block::Table(Table {
            columns: vec![
                ("Action".into(), 4.2),
                ("Responsable".into(), 2.0),
                ("Échéance".into(), 1.8),
                ("Décidée en réunion".into(), 3.0),
            ],
            rows: open
                .iter()
                .map(|(a, meeting)| {
                    let due = match a.due {
                        Some(d) if d < today => format!("{} (en retard)", text::date_short(d)),
                        Some(d) => text::date_short(d),
                        None => "—".into(),
                    };
                    vec![
                        typography(&a.title),
                        a.owner.clone(),
                        due,
                        typography(meeting),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    fn proposals(d: &DossierData, out: &mut Vec<Block>) {
        if d.proposals.is_empty() {
            return empty(out, "Aucune proposition pour l’instant.");
        }
        let list: Vec<Proposal> = d.proposals.iter().map(|(p, _)| p.clone()).collect();
        let by_status = count_by_status(&list);
        out.push(Block::Chart(BarChart {
            bars: by_status
                .iter()
                .map(|(s, n)| Bar {
                    label: s.label().into(),
                    value: *n as f32,
                    target: None,
                    caption: n.to_string(),
                })
                .collect(),
            legend: tf!(
                "{} propositions, par état de leur suivi par la Ville.",
                list.len()
            ),
        }));
        for (p, answers) in &d.proposals {
            out.push(Block::Heading(
                2,
                format!("Proposition n° {} — {}", p.number, typography(&p.title)),
            ));
            let mut facts = vec![("État".into(), p.status.label().into())];
            if !p.directorate.is_empty() {
                facts.push(("Direction".into(), p.directorate.clone()));
            }
            facts.push(("Avancement".into(), format!("{} %", p.progress)));
            if !p.vote_result.is_empty() {
                facts.push(("Vote".into(), p.vote_result.clone()));
            }
            if let Some(g) = p.members_grade {
                facts.push(("Note des membres".into(), format!("{g} / 5")));
            }
            for a in answers {
                facts.push((
                    format!("Réponse du {}", text::date_short(a.date)),
                    typography(&format!("{} — {}", a.status.label(), a.text)),
                ));
            }
            if answers.is_empty() {
                facts.push(("Réponse".into(), "pas encore de réponse".into()));
            }
            out.push(Block::KeyValues(facts));
        }
    }

    /// The convention's budget lines against its envelope, then the calls for projects
    /// that would finance it.
    fn budget(d: &DossierData, out: &mut Vec<Block>) {
        budget_lines(d, out);
        if !d.calls.is_empty() {
            out.push(Block::Heading(
                2,
                "Financements extérieurs sollicités".into(),
            ));
            out.extend(super::super::funding::blocks(&d.calls));
        }
    }

    fn budget_lines(d: &DossierData, out: &mut Vec<Block>) {
        let o = &d.overview;
        let envelope = o.convention.budget_envelope_cents;
        if o.budget.is_empty() {
            return empty(out, "Aucune ligne budgétaire.");
        }
        let t = budget_totals(&o.budget);
        let euros = |c: i64| c as f32 / 100.0;
        out.push(Block::Chart(BarChart {
            bars: [
                ("Prévu", t.planned_cents),
                ("Engagé", t.committed_cents),
                ("Dépensé", t.spent_cents),
            ]
            .iter()
            .map(|(label, cents)| Bar {
                label: (*label).into(),
                value: euros(*cents),
                target: (envelope > 0).then(|| (0.0, euros(envelope))),
                caption: text::euros(*cents),
            })
            .collect(),
            legend: if envelope > 0 {
                tf!(
                    "Zone claire : l’enveloppe de {}. Barre orange : au-delà de l’enveloppe.",
                    text::euros(envelope)
                )
            } else {
                "Aucune enveloppe fixée.".into()
            },
        }));
        out.push(Block::Table(Table {
            columns: vec![
                ("Poste".into(), 3.6),
                ("Catégorie".into(), 2.0),
                ("Prévu".into(), 1.5),
                ("Engagé".into(), 1.5),
                ("Dépensé".into(), 1.5),
            ],
            rows: o
                .budget
                .iter()
                .map(|b| {
                    vec![
                        typography(&b.label),
                        b.category.label().into(),
                        text::euros(b.planned_cents),
                        text::euros(b.committed_cents),
                        text::euros(b.spent_cents),
                    ]
                })
                .chain(std::iter::once(vec![
                    "Total".into(),
                    String::new(),
                    text::euros(t.planned_cents),
                    text::euros(t.committed_cents),
                    text::euros(t.spent_cents),
                ]))
                .collect(),
            ..Table::default()
        }));
        out.push(Block::Note(tf!(
            "Indemnisation des membres : {} journées de présence aux séances relevées.",
            o.compensation_days
        )));
    }

    fn risks(d: &DossierData, out: &mut Vec<Block>) {
        let all = &d.overview.risks;
        if all.is_empty() {
            return empty(out, "Aucun risque enregistré.");
        }
        let open: Vec<_> = all
            .iter()
            .filter(|r| r.status != RiskStatus::Closed)
            .collect();
        out.push(Block::Heading(2, "Matrice des risques ouverts".into()));
        let mut columns = vec![("Probabilité \\ Impact".into(), 2.4)];
        columns.extend((1..=5).map(|i| (i.to_string(), 1.0)));
        out.push(Block::Table(Table {
            columns,
            rows: (1..=5u8)
                .rev()
                .map(|p| {
                    let mut row = vec![p.to_string()];
                    row.extend((1..=5u8).map(|i| {
                        let n = open
                            .iter()
                            .filter(|r| r.probability == p && r.impact == i)
                            .count();
                        if n == 0 { String::new() } else { n.to_string() }
                    }));
                    row
                })
                .collect(),
            grid: true,
            ..Table::default()
        }));
        out.push(Block::Heading(2, "Registre".into()));
        let mut sorted: Vec<_> = all.iter().collect();
        sorted.sort_by_key(|r| std::cmp::Reverse(r.score()));
        out.push(Block::Table(Table {
            columns: vec![
                ("Risque".into(), 3.2),
                ("P × I".into(), 1.5),
                ("État".into(), 1.3),
                ("Responsable".into(), 1.6),
                ("Mesure d’atténuation".into(), 3.6),
            ],
            rows: sorted
                .iter()
                .map(|r| {
                    vec![
                        typography(&r.title),
                        r.score_text(),
                        r.status.label().into(),
                        r.owner.clone(),
                        typography(&r.mitigation),
                    ]
                })
                .collect(),
            ..Table::default()
        }));
    }

    fn timeline(d: &DossierData, out: &mut Vec<Block>) {
        if d.timeline.is_empty() {
            return empty(out, "Rien à raconter pour l’instant.");
        }
        out.push(Block::Table(Table {
            columns: vec![
                ("Date".into(), 1.5),
                ("Nature".into(), 2.0),
                ("Événement".into(), 6.5),
            ],
            rows: d
                .timeline
                .iter()
                .map(|e| {
                    let what = if e.detail.is_empty() {
                        typography(&e.title)
                    } else {
                        typography(&format!("{} — {}", e.title, e.detail))
                    };
                    vec![text::date_short(e.date), e.kind.label().into(), what]
                })
                .collect(),
            ..Table::default()
        }));
    }
}
