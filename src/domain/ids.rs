//! Record identifiers: one newtype per table so that a contact id cannot be passed
//! where a meeting id is expected.

use std::fmt;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

ids!(
    /// A citizens' convention.
    ConventionId,
    /// A phase of a convention's calendar.
    PhaseId,
    /// A session (séance) of a convention.
    SessionId,
    /// A person or an organisation of the directory.
    ContactId,
    /// A meeting of any kind.
    MeetingId,
    /// A proposal of a convention.
    ProposalId,
    /// A project task or milestone.
    TaskId,
    /// A risk of the register.
    RiskId,
    /// A budget line.
    BudgetLineId,
    /// A volunteer pool (vivier).
    PoolId,
    /// A draw (tirage au sort).
    DrawId,
    /// An action decided in a meeting.
    ActionId,
    /// An item of a meeting's agenda.
    AgendaItemId,
    /// A decision taken in a meeting.
    DecisionId,
    /// A journal entry.
    JournalId,
    /// A call for projects or grant the mission answers.
    CallId,
    /// A co-written text (the charter of cooperative democracy).
    CharterId,
    /// An article of a charter.
    ArticleId,
    /// A contribution to a charter.
    ContributionId,
    /// A pacte de coopération signed under a charter.
    PacteId,
    /// A participatory process other than a convention (an interpellation, a
    /// consultative body, a participatory budget, support to a directorate).
    DispositifId,
);
