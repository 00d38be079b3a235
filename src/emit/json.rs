//! The compiled policy as JSON: the contract with runtime engines.
//!
//! The format is documented field by field in `docs/json.md` and described
//! by the JSON Schema `docs/ladder.schema.json`; the test suite checks every
//! output against both. The types here are the format: change them only
//! together with the schema, the docs and `FORMAT_VERSION`. Output is
//! deterministic (struct fields in a fixed order, lists in file order, no
//! timestamps), so the same input gives byte-identical JSON.
//!
//! Only a policy without errors is ever emitted (the caller passes
//! `Checked::clean_policy`), so every name here resolves and nothing in the
//! format says "skip this stage": an engine never sees a half-valid policy.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::ast::{DayOne, Scope, Trigger};
use crate::model::{
    self, Anchor, DayUnit, DutyKind, Join, OutcomeWhen, PeriodUnit, Policy, PolicyDate, Precision,
    ReviewAnchor, SendTo, StageEvent, StageKey, StartAt, Target,
};
use crate::span::{LineIndex, Span};

/// The version of the format. Raised by one for any change an engine could
/// notice except adding an optional field (see `docs/json.md`).
pub const FORMAT_VERSION: u32 = 3;

/// The whole document.
#[derive(Debug, Serialize)]
pub struct Document {
    pub format_version: u32,
    pub compiler: Compiler,
    pub source: SourceText,
    pub header: Header,
    /// Top-level notes: statements of the whole policy, in file order.
    pub notes: Vec<String>,
    pub actors: Vec<Actor>,
    pub records: Vec<Named>,
    pub forms: Vec<Form>,
    pub every_stage: Vec<Duty>,
    /// `all stages conclude ...`: a limit on the whole procedure, or null.
    pub overall: Option<Limit>,
    pub stages: Vec<Stage>,
    /// Named groups of consecutive stages of the main ladder.
    pub phases: Vec<Phase>,
    pub procedures: Vec<Procedure>,
    pub rules: Vec<Rule>,
    pub entries: Vec<Entry>,
    pub ends: Vec<End>,
}

#[derive(Debug, Serialize)]
pub struct Compiler {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SourceText {
    /// Lowercase hex SHA-256 of the source file's bytes as read.
    pub sha256: String,
    pub lines: usize,
}

/// Where an element is in the source: 1-based lines, columns in characters.
#[derive(Debug, Serialize)]
pub struct At {
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

#[derive(Debug, Serialize)]
pub struct Header {
    pub title: Option<String>,
    pub board: Option<String>,
    pub board_short: Option<String>,
    /// `board "..." for adults`: the board for one group covered.
    pub boards_by_scope: Vec<ScopedBoard>,
    pub scope: Vec<&'static str>,
    pub version: Option<String>,
    pub adopted: Option<Date>,
    pub updated: Option<Date>,
    /// The review date as written, or computed from `review_period`.
    pub review: Option<Date>,
    pub review_period: Option<ReviewPeriod>,
    pub calendar: Calendar,
    pub contacts: Vec<Contact>,
    pub source_document: Option<SourceDocument>,
    pub concern_raised_by: Option<String>,
    pub stage_word: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Date {
    pub first: String,
    pub last: String,
    pub precision: &'static str,
    pub at: At,
}

/// `review every 2 years`, `review within 18 months of adoption`.
#[derive(Debug, Serialize)]
pub struct ReviewPeriod {
    /// `every` (the review repeats) or `within` (it falls due once).
    pub kind: &'static str,
    pub amount: u32,
    /// `years` or `months`.
    pub unit: &'static str,
    /// `adoption` or `last_update`: the date the due date was counted from.
    pub counted_from: &'static str,
    /// The period in the words of the language.
    pub text: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Calendar {
    /// `calendar_days` or `working_days`; null when the policy uses no day
    /// numbers and does not say.
    pub day_unit: Option<&'static str>,
    /// `day_concern_arose` or `day_after_concern_arose`.
    pub day_one: Option<&'static str>,
    /// `england-and-wales`, `scotland`, `northern-ireland` or `any-uk`.
    pub holidays: Option<&'static str>,
}

#[derive(Debug, Serialize)]
pub struct Contact {
    pub address: String,
    pub kind: &'static str,
    pub purpose: Option<String>,
    /// `adults` or `children` for a contact that serves one group; null
    /// for everyone.
    pub scope: Option<&'static str>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct ScopedBoard {
    /// `adults` or `children`.
    pub scope: &'static str,
    pub name: String,
    pub short: Option<String>,
    pub at: At,
}

/// An actor: a role, described once for everyone, or once for each group
/// the policy covers (the same `name` then appears once per `scope`).
#[derive(Debug, Serialize)]
pub struct Actor {
    pub name: String,
    pub description: String,
    /// `adults` or `children`; null when the role is the same for everyone.
    pub scope: Option<&'static str>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct SourceDocument {
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    pub description: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Form {
    pub name: String,
    pub title: String,
    pub fields: Vec<String>,
    pub send_to: Vec<Recipient>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Recipient {
    /// `address` or `actor`.
    pub kind: &'static str,
    pub value: String,
}

#[derive(Debug, Serialize)]
pub struct Stage {
    /// Unique in the document: `stage-2`, `threshold.step-1`.
    pub id: String,
    pub procedure: Option<String>,
    /// The number or name as written: `2`, `practitioners`.
    pub key: String,
    pub number: Option<u32>,
    pub label: String,
    pub title: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub start: Option<Limit>,
    /// No limit, one, or two (see `conclude_join`).
    pub conclude: Vec<Limit>,
    /// How two `conclude` limits go together: `sooner` (the sooner of two
    /// limits applies) or `same_act` (one limit written in two units; the
    /// earlier date governs).
    pub conclude_join: &'static str,
    pub leads: Vec<String>,
    /// True for `led by a or b`: any one of them leads; false when they lead
    /// together (`and`) or there is one.
    pub leads_either: bool,
    pub counterparts: Vec<Counterpart>,
    /// True for `with a or b`: any one of them.
    pub counterparts_either: bool,
    pub panel: Option<Panel>,
    pub duties: Vec<Duty>,
    /// What applies only while a condition holds, in file order.
    pub conditions: Vec<Condition>,
    pub transitions: Vec<Transition>,
    /// `repeats "..."`: the stage may be taken again, one level up.
    pub repeats: Option<Repeats>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Repeats {
    /// How the stage is taken again, in the source's words.
    pub how: String,
    /// The most senior role it goes up to, or null.
    pub up_to: Option<String>,
    pub at: At,
}

/// `phase "Informal" covers stages 1 to 3`, `phase "Formal" from stage 4`.
#[derive(Debug, Serialize)]
pub struct Phase {
    pub title: String,
    /// The ids of its stages, in ladder order.
    pub stages: Vec<String>,
    /// True for `from stage N`: the phase runs to the end of the ladder.
    pub onwards: bool,
    pub at: At,
}

/// `if "..." { ... }` in a stage or a panel.
#[derive(Debug, Serialize)]
pub struct Condition {
    pub condition: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    /// Who leads while the condition holds; null when the stage's leads
    /// stay (and always in a panel).
    pub leads: Option<Vec<String>>,
    pub leads_either: bool,
    /// Whom the concern is taken up with while it holds; null when unchanged.
    pub counterparts: Option<Vec<Counterpart>>,
    pub counterparts_either: bool,
    /// Duties done, besides the stage's own, while it holds.
    pub duties: Vec<Duty>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Limit {
    /// `on` (day N), `by` (end of day N), `within` (a duration), or a
    /// timescale in words: `immediately`, `without_delay`, `same_day`,
    /// `before_meeting_ends`, `case_by_case`.
    pub kind: &'static str,
    /// The day number for `on` and `by`, the duration for `within`; 0 for a
    /// timescale in words.
    pub amount: u32,
    /// `calendar_days`, `working_days` or `hours`.
    pub unit: &'static str,
    /// What a duration counts from: `concern_arising`, `stage_starting`,
    /// `being_notified`, `previous_stage_concluding` (a stage's start that
    /// says nothing else), `meeting`, `previous_duty` or `stage` (then
    /// `anchor_stage` and `anchor_event` say which). Day numbers always
    /// count from the concern arising.
    pub anchor: &'static str,
    /// For `anchor: "stage"`: the id of the stage counted from.
    pub anchor_stage: Option<String>,
    /// For `anchor: "stage"`: `starting`, `concluding` or
    /// `ending_unresolved`.
    pub anchor_event: Option<&'static str>,
    /// For `case_by_case`: the words that say how it is decided.
    pub words: Option<String>,
    /// False for a target (`aim to`), true for a hard limit.
    pub hard: bool,
    /// The limit in the words of the language.
    pub text: String,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Counterpart {
    pub actor: String,
    /// True for `equivalent actor`: the same role in the other agency.
    pub equivalent: bool,
}

#[derive(Debug, Serialize)]
pub struct Panel {
    pub title: String,
    pub convened_by: Option<String>,
    pub convened_if_needed: bool,
    pub overseen_by: Option<String>,
    pub chaired_by: Option<String>,
    pub members: Option<Members>,
    pub binding: Option<bool>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub duties: Vec<Duty>,
    /// Duties that apply only while a condition holds.
    pub conditions: Vec<Condition>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Members {
    pub at_least: bool,
    pub count: u32,
    pub independent: bool,
    pub where_possible: bool,
}

/// One duty. Every duty has the same fields; those that do not apply to its
/// `kind` are null or empty (see `docs/json.md` for which apply).
#[derive(Debug, Serialize)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each flag is an independent yes/no of the language (`may`, `where possible`, `or`), not a state encoded in bools"
)]
pub struct Duty {
    pub kind: &'static str,
    /// `must`, `should` or `may`.
    pub modality: &'static str,
    /// True for `may` (kept beside `modality` for engines that read it).
    pub optional: bool,
    pub what: Option<String>,
    /// Actors the duty is about: notified, shared with, referred, reported
    /// or recommended to, involved, consulted.
    pub actors: Vec<ActorRef>,
    /// True when `actors` was written with `or`: any one of them, not all.
    pub actors_either: bool,
    /// For `record`: the records it goes in, in file order; empty when
    /// not said.
    pub records: Vec<RecordPlace>,
    /// The form for `refer ... using`, `record ... using` and `complete`.
    pub form: Option<String>,
    pub by: Vec<ActorRef>,
    /// True when `by` was written with `or`: any one of them.
    pub by_either: bool,
    /// True for `by each party`: each lead and counterpart of the stage
    /// carries it out, for their own agency.
    pub by_each_party: bool,
    pub within: Option<Limit>,
    /// A second limit, or null; `within_join` says how the two go together.
    pub within_also: Option<Limit>,
    /// `sooner` or `same_act`, as for a stage's `conclude_join`.
    pub within_join: &'static str,
    /// `on_entry`, `when_resolved`, `when_unresolved`, `when_concluded`;
    /// null for "during the stage".
    pub trigger: Option<&'static str>,
    /// True when the duty applies only where it can be done.
    pub where_possible: bool,
    pub at: At,
}

/// A record a `record` duty writes in.
#[derive(Debug, Serialize)]
pub struct RecordPlace {
    pub record: String,
    /// True for `each agency's record`: every agency keeps its own.
    pub each_agency: bool,
}

/// An actor as a duty, `by` or `via` names it.
#[derive(Debug, Serialize)]
pub struct ActorRef {
    /// `actor` (the role itself), `equivalent` (the role in the other
    /// agency), `own` (the role of whoever carries the duty out),
    /// `all_involved` or `the_parties`.
    pub kind: &'static str,
    /// The role's name; null for `all_involved` and `the_parties`.
    pub actor: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Transition {
    /// `resolved`, `unresolved` or `if`.
    pub when: &'static str,
    /// The condition of an `if` branch.
    pub condition: Option<String>,
    /// `end`, `stage` or `follow`.
    pub target: &'static str,
    /// The id of the target stage, for `stage`.
    pub stage: Option<String>,
    /// The name of the end, for `end`.
    pub end: Option<String>,
    /// The outside procedure, for `follow`.
    pub follow: Option<String>,
    /// Who takes the escalation to the target stage, in file order; empty
    /// when not said, and for `end` and `follow`.
    pub via: Vec<ActorRef>,
    /// True for `via a or b`: any one of them takes it on; false when they
    /// take it on together (`and`) or there is one.
    pub via_either: bool,
    /// A limit on the move itself (`escalate to stage 3 within 1 working
    /// day`), or null. Its `anchor` is `stage_concluding` unless it says
    /// otherwise.
    pub within: Option<Limit>,
    /// Duties done when this route is taken, counted from the stage
    /// concluding unless they say otherwise.
    pub duties: Vec<Duty>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Procedure {
    pub name: String,
    pub title: String,
    pub applies: Option<String>,
    /// Who starts this procedure, when it names its own raiser; null when
    /// the policy's `concern_raised_by` starts it.
    pub concern_raised_by: Option<String>,
    /// Its own exception rules, with ids `NAME.rule-1`, ...
    pub rules: Vec<Rule>,
    pub meanwhile: Vec<String>,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    pub steps: Vec<Stage>,
    pub at: At,
}

#[derive(Debug, Serialize)]
pub struct Rule {
    /// `rule-1`, `rule-2`, ... in file order.
    pub id: String,
    pub condition: String,
    pub cites: Vec<String>,
    pub notes: Vec<String>,
    /// True for `start at any stage` (of the main ladder).
    pub start_at_any_stage: bool,
    /// True for `start at any step` (of the procedure the rule is in).
    pub start_at_any_step: bool,
    /// Ids of named stages the rule may start at.
    pub start_at: Vec<String>,
    pub follow: Vec<String>,
    pub duties: Vec<Duty>,
    pub at: At,
}

/// A way into the procedure.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// `first_stage`, `rule` or `procedure`.
    pub kind: &'static str,
    /// The rule id for `rule`, the procedure name for `procedure`.
    pub from: Option<String>,
    /// The condition under which this entry applies; null for the first
    /// stage, which is the normal way in.
    pub condition: Option<String>,
    /// The stages at which an escalation may start through this entry.
    pub stages: Vec<String>,
    pub any_stage: bool,
    /// True when a procedure's own rule says "start at any step".
    pub any_step: bool,
}

#[derive(Debug, Serialize)]
pub struct End {
    pub name: String,
    /// Ids of the stages with a transition to this end, in file order.
    pub reached_from: Vec<String>,
}

/// Builds the document. `text` must be the source the policy was built
/// from: it gives the SHA-256 and the line and column of every span.
#[must_use]
pub fn document(policy: &Policy, text: &str) -> Document {
    let b = Builder {
        text,
        index: LineIndex::new(text),
        policy,
    };
    b.document(policy)
}

/// The document as pretty-printed JSON with a final line break.
#[must_use]
pub fn to_string(policy: &Policy, text: &str) -> String {
    let doc = document(policy, text);
    // Serialising plain structs of strings, numbers and options cannot fail;
    // an empty object is a safe fallback that the schema rejects loudly.
    let mut out = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| String::from("{}"));
    out.push('\n');
    out
}

/// Lowercase hex SHA-256 of the text.
#[must_use]
pub fn sha256_hex(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

struct Builder<'a> {
    text: &'a str,
    index: LineIndex,
    /// For naming the stages a limit counts from.
    policy: &'a Policy,
}

impl Builder<'_> {
    fn at(&self, span: Span) -> At {
        let start = self.index.line_col(self.text, span.start);
        let end = self.index.line_col(self.text, span.end);
        At {
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }

    fn document(&self, p: &Policy) -> Document {
        Document {
            format_version: FORMAT_VERSION,
            compiler: Compiler {
                name: "ladder",
                version: env!("CARGO_PKG_VERSION"),
            },
            source: SourceText {
                sha256: sha256_hex(self.text),
                lines: self.text.lines().count(),
            },
            header: self.header(&p.header),
            notes: p.notes.clone(),
            actors: p
                .actors
                .iter()
                .map(|n| Actor {
                    name: n.name.clone(),
                    description: n.description.clone(),
                    scope: n.scope.map(scope_word),
                    at: self.at(n.span),
                })
                .collect(),
            records: p.records.iter().map(|n| self.named(n)).collect(),
            forms: p.forms.iter().map(|f| self.form(f)).collect(),
            every_stage: self.duties(&p.every_stage),
            overall: p.overall.as_ref().map(|l| self.limit(l)),
            stages: p.stages.iter().map(|s| self.stage(s)).collect(),
            phases: p
                .phases
                .iter()
                .map(|ph| Phase {
                    title: ph.title.clone(),
                    stages: ph.stages.iter().map(StageKey::slug).collect(),
                    onwards: ph.onwards,
                    at: self.at(ph.span),
                })
                .collect(),
            procedures: p.procedures.iter().map(|pr| self.procedure(pr)).collect(),
            rules: p
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| self.rule(rule_id(None, i), r))
                .collect(),
            entries: entries(p),
            ends: ends(p),
        }
    }

    fn header(&self, h: &model::PolicyHeader) -> Header {
        Header {
            title: h.title.clone(),
            board: h.board.clone(),
            board_short: h.board_short.clone(),
            boards_by_scope: h
                .scoped_boards
                .iter()
                .map(|b| ScopedBoard {
                    scope: scope_word(b.scope),
                    name: b.name.clone(),
                    short: b.short.clone(),
                    at: self.at(b.span),
                })
                .collect(),
            scope: h.scope.iter().copied().map(scope_word).collect(),
            version: h.version.clone(),
            adopted: h.adopted.as_ref().map(|d| self.date(d)),
            updated: h.updated.as_ref().map(|d| self.date(d)),
            review: h.review.as_ref().map(|d| self.date(d)),
            review_period: h.review_period.as_ref().map(|p| ReviewPeriod {
                kind: if p.every { "every" } else { "within" },
                amount: p.amount,
                unit: match p.unit {
                    PeriodUnit::Years => "years",
                    PeriodUnit::Months => "months",
                },
                counted_from: match p.from {
                    ReviewAnchor::Adoption => "adoption",
                    ReviewAnchor::LastUpdate => "last_update",
                },
                text: p.describe(),
                at: self.at(p.span),
            }),
            calendar: Calendar {
                day_unit: h.day_kind.map(unit),
                day_one: h.day_one.map(|d| match d {
                    DayOne::DayConcernArose => "day_concern_arose",
                    DayOne::DayAfter => "day_after_concern_arose",
                }),
                holidays: h.holidays.map(crate::calendar::Division::name),
            },
            contacts: h
                .contacts
                .iter()
                .map(|c| Contact {
                    address: c.address.clone(),
                    kind: c.kind().word(),
                    purpose: c.purpose.clone(),
                    scope: c.scope.map(scope_word),
                    at: self.at(c.span),
                })
                .collect(),
            source_document: h.source.as_ref().map(|s| SourceDocument {
                title: s.title.clone(),
                url: s.url.clone(),
            }),
            concern_raised_by: h.raised_by.clone(),
            stage_word: h.stage_word.clone(),
            at: self.at(h.span),
        }
    }

    fn date(&self, d: &PolicyDate) -> Date {
        Date {
            first: d.first.format("%Y-%m-%d").to_string(),
            last: d.last.format("%Y-%m-%d").to_string(),
            precision: match d.precision {
                Precision::Day => "day",
                Precision::Month => "month",
                Precision::Year => "year",
            },
            at: self.at(d.span),
        }
    }

    fn named(&self, n: &model::Named) -> Named {
        Named {
            name: n.name.clone(),
            description: n.description.clone(),
            at: self.at(n.span),
        }
    }

    fn form(&self, f: &model::Form) -> Form {
        Form {
            name: f.name.clone(),
            title: f.title.clone(),
            fields: f.fields.clone(),
            send_to: f
                .send_to
                .iter()
                .map(|s| match s {
                    SendTo::Address(a) => Recipient {
                        kind: "address",
                        value: a.clone(),
                    },
                    SendTo::Actor(a) => Recipient {
                        kind: "actor",
                        value: a.clone(),
                    },
                })
                .collect(),
            cites: f.cites.clone(),
            notes: f.notes.clone(),
            at: self.at(f.span),
        }
    }

    fn stage(&self, s: &model::Stage) -> Stage {
        Stage {
            id: s.key.slug(),
            procedure: s.key.procedure.clone(),
            key: s.key.id.clone(),
            number: s.number,
            label: s.label.clone(),
            title: s.title.clone(),
            cites: s.cites.clone(),
            notes: s.notes.clone(),
            start: s.start.as_ref().map(|l| {
                let mut limit = self.limit(l);
                // A start counts from the stage before concluding unless it
                // says otherwise.
                if limit.anchor == "stage_starting" {
                    limit.anchor = "previous_stage_concluding";
                }
                limit
            }),
            conclude: s.conclude.iter().map(|l| self.limit(l)).collect(),
            conclude_join: join(s.conclude_join),
            leads: s.leads.clone(),
            leads_either: s.leads_either,
            counterparts_either: s.counterparts_either,
            counterparts: counterparts(&s.counterparts),
            panel: s.panel.as_ref().map(|p| self.panel(p)),
            duties: self.duties(&s.duties),
            conditions: s.conditions.iter().map(|c| self.condition(c)).collect(),
            transitions: s.outcomes.iter().map(|o| self.transition(o)).collect(),
            repeats: s.repeats.as_ref().map(|r| Repeats {
                how: r.how.clone(),
                up_to: r.up_to.clone(),
                at: self.at(r.span),
            }),
            at: self.at(s.span),
        }
    }

    fn limit(&self, l: &model::Limit) -> Limit {
        let (anchor_stage, anchor_event) = match &l.anchor {
            Anchor::Stage { to, event, .. } => (
                to.as_ref().map(StageKey::slug),
                Some(match event {
                    StageEvent::Starting => "starting",
                    StageEvent::Concluding => "concluding",
                    StageEvent::EndingUnresolved => "ending_unresolved",
                }),
            ),
            _ => (None, None),
        };
        Limit {
            kind: l.kind.word(),
            amount: l.amount,
            unit: unit(l.unit),
            anchor: match l.anchor {
                Anchor::ConcernArising => "concern_arising",
                Anchor::BeingNotified => "being_notified",
                Anchor::StageStarting | Anchor::Unstated => "stage_starting",
                Anchor::Meeting => "meeting",
                Anchor::PreviousDuty => "previous_duty",
                Anchor::Stage { .. } => "stage",
            },
            anchor_stage,
            anchor_event,
            words: l.words.clone(),
            hard: l.hard,
            text: self.policy.describe_limit(l),
            at: self.at(l.span),
        }
    }

    /// A limit on a route, or on a duty done on one: what it does not
    /// anchor counts from the stage concluding, not from its start.
    fn route_limit(&self, l: &model::Limit) -> Limit {
        let mut limit = self.limit(l);
        if l.anchor == Anchor::Unstated {
            limit.anchor = "stage_concluding";
        }
        limit
    }

    fn panel(&self, p: &model::Panel) -> Panel {
        Panel {
            title: p.title.clone(),
            convened_by: p.convened_by.clone(),
            convened_if_needed: p.convened_if_needed,
            overseen_by: p.overseen_by.clone(),
            chaired_by: p.chaired_by.clone(),
            members: p.members.as_ref().map(|m| Members {
                at_least: m.at_least,
                count: m.count,
                independent: m.independent,
                where_possible: m.where_possible,
            }),
            binding: p.binding,
            cites: p.cites.clone(),
            notes: p.notes.clone(),
            duties: self.duties(&p.duties),
            conditions: p.conditions.iter().map(|c| self.condition(c)).collect(),
            at: self.at(p.span),
        }
    }

    fn condition(&self, c: &model::Condition) -> Condition {
        Condition {
            condition: c.condition.clone(),
            cites: c.cites.clone(),
            notes: c.notes.clone(),
            leads: c.leads.clone(),
            leads_either: c.leads_either,
            counterparts: c.counterparts.as_deref().map(counterparts),
            counterparts_either: c.counterparts_either,
            duties: self.duties(&c.duties),
            at: self.at(c.span),
        }
    }

    fn duties(&self, duties: &[model::Duty]) -> Vec<Duty> {
        duties.iter().map(|d| self.duty(d)).collect()
    }

    fn duty(&self, d: &model::Duty) -> Duty {
        let mut out = Duty {
            kind: d.kind.verb(),
            modality: d.modality.word(),
            optional: d.optional(),
            what: None,
            actors: refs(d.kind.actors()),
            actors_either: d.actors_either,
            records: Vec::new(),
            form: None,
            by: refs(&d.by),
            by_either: d.by_either,
            by_each_party: d.by_each_party,
            within: d.within.as_ref().map(|l| self.limit(l)),
            within_also: d.within_also.as_ref().map(|l| self.limit(l)),
            within_join: join(d.within_join),
            trigger: d.trigger.map(|t| match t {
                Trigger::OnEntry => "on_entry",
                Trigger::WhenResolved => "when_resolved",
                Trigger::WhenUnresolved => "when_unresolved",
                Trigger::WhenConcluded => "when_concluded",
            }),
            where_possible: d.where_possible,
            at: self.at(d.span),
        };
        match &d.kind {
            DutyKind::Record {
                what,
                records,
                form,
            } => {
                out.what = Some(what.clone());
                out.records = records
                    .iter()
                    .map(|r| RecordPlace {
                        record: r.record.clone(),
                        each_agency: r.each_agency,
                    })
                    .collect();
                out.form.clone_from(form);
            }
            DutyKind::Notify(_) | DutyKind::Involve(_) | DutyKind::Consult(_) => {}
            DutyKind::Refer { what, form, .. } => {
                out.what.clone_from(what);
                out.form.clone_from(form);
            }
            DutyKind::Recommend { what, .. }
            | DutyKind::Report { what, .. }
            | DutyKind::Share { what, .. }
            | DutyKind::Decide(what)
            | DutyKind::Meet(what) => {
                out.what.clone_from(what);
            }
            DutyKind::Complete(form) => out.form = Some(form.clone()),
            DutyKind::Task(what) => out.what = Some(what.clone()),
        }
        out
    }

    fn transition(&self, o: &model::Outcome) -> Transition {
        let (when, condition) = match &o.when {
            OutcomeWhen::Resolved => ("resolved", None),
            OutcomeWhen::Unresolved => ("unresolved", None),
            OutcomeWhen::If(c) => ("if", Some(c.clone())),
        };
        let mut t = Transition {
            when,
            condition,
            target: "end",
            stage: None,
            end: None,
            follow: None,
            via: Vec::new(),
            via_either: false,
            within: o.within.as_ref().map(|l| self.route_limit(l)),
            duties: o
                .duties
                .iter()
                .map(|d| {
                    let mut duty = self.duty(d);
                    duty.within = d.within.as_ref().map(|l| self.route_limit(l));
                    duty
                })
                .collect(),
            at: self.at(o.span),
        };
        match &o.target {
            Target::End(name) => t.end = Some(name.clone()),
            Target::Stage {
                to,
                via,
                via_either,
            } => {
                t.target = "stage";
                t.stage = to.as_ref().map(StageKey::slug);
                t.via = refs(via);
                t.via_either = *via_either;
            }
            Target::Follow(what) => {
                t.target = "follow";
                t.follow = Some(what.clone());
            }
        }
        t
    }

    fn procedure(&self, p: &model::Procedure) -> Procedure {
        Procedure {
            name: p.name.clone(),
            title: p.title.clone(),
            applies: p.applies.clone(),
            concern_raised_by: p.raised_by.clone(),
            rules: p
                .rules
                .iter()
                .enumerate()
                .map(|(i, r)| self.rule(rule_id(Some(&p.name), i), r))
                .collect(),
            meanwhile: p.meanwhile.clone(),
            cites: p.cites.clone(),
            notes: p.notes.clone(),
            steps: p.steps.iter().map(|s| self.stage(s)).collect(),
            at: self.at(p.span),
        }
    }

    fn rule(&self, id: String, r: &model::Rule) -> Rule {
        Rule {
            id,
            condition: r.condition.clone(),
            cites: r.cites.clone(),
            notes: r.notes.clone(),
            start_at_any_stage: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStage)),
            start_at_any_step: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStep)),
            start_at: named_starts(r),
            follow: r.follow.clone(),
            duties: self.duties(&r.duties),
            at: self.at(r.span),
        }
    }
}

/// `rule-1` for the policy's first rule, `threshold.rule-1` for the first
/// rule of the procedure `threshold`.
fn rule_id(procedure: Option<&str>, i: usize) -> String {
    match procedure {
        Some(p) => format!("{p}.rule-{}", i + 1),
        None => format!("rule-{}", i + 1),
    }
}

fn counterparts(list: &[model::Counterpart]) -> Vec<Counterpart> {
    list.iter()
        .map(|c| Counterpart {
            actor: c.actor.clone(),
            equivalent: c.equivalent,
        })
        .collect()
}

fn refs(list: &[model::ActorRef]) -> Vec<ActorRef> {
    list.iter()
        .map(|a| ActorRef {
            kind: a.kind_word(),
            actor: a.name().map(str::to_owned),
        })
        .collect()
}

fn named_starts(r: &model::Rule) -> Vec<String> {
    r.start_at
        .iter()
        .filter_map(|s| match s {
            StartAt::Stage(Some(key)) => Some(key.slug()),
            StartAt::Stage(None) | StartAt::AnyStage | StartAt::AnyStep => None,
        })
        .collect()
}

fn scope_word(s: Scope) -> &'static str {
    match s {
        Scope::Adults => "adults",
        Scope::Children => "children",
    }
}

fn unit(u: DayUnit) -> &'static str {
    match u {
        DayUnit::CalendarDays => "calendar_days",
        DayUnit::WorkingDays => "working_days",
        DayUnit::Hours => "hours",
    }
}

/// Every way into the procedure: the first stage, each rule that starts the
/// ladder somewhere, and the first step of each sub-procedure.
fn entries(p: &Policy) -> Vec<Entry> {
    let mut out = Vec::new();
    if let Some(first) = p.stages.first() {
        out.push(Entry {
            kind: "first_stage",
            from: None,
            condition: None,
            stages: vec![first.key.slug()],
            any_stage: false,
            any_step: false,
        });
    }
    for (i, r) in p.rules.iter().enumerate() {
        let any_stage = r.start_at.iter().any(|s| matches!(s, StartAt::AnyStage));
        let named = named_starts(r);
        if !any_stage && named.is_empty() {
            continue;
        }
        let stages = if any_stage {
            p.stages.iter().map(|s| s.key.slug()).collect()
        } else {
            named
        };
        out.push(Entry {
            kind: "rule",
            from: Some(rule_id(None, i)),
            condition: Some(r.condition.clone()),
            stages,
            any_stage,
            any_step: false,
        });
    }
    for pr in &p.procedures {
        if let Some(first) = pr.steps.first() {
            out.push(Entry {
                kind: "procedure",
                from: Some(pr.name.clone()),
                condition: pr.applies.clone(),
                stages: vec![first.key.slug()],
                any_stage: false,
                any_step: false,
            });
        }
        // The procedure's own rules that start it somewhere.
        for (i, r) in pr.rules.iter().enumerate() {
            let stages: Vec<String> = super::summary::rule_targets(p, Some(pr), r)
                .iter()
                .map(|s| s.key.slug())
                .collect();
            if stages.is_empty() {
                continue;
            }
            out.push(Entry {
                kind: "rule",
                from: Some(rule_id(Some(&pr.name), i)),
                condition: Some(r.condition.clone()),
                stages,
                any_stage: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStage)),
                any_step: r.start_at.iter().any(|s| matches!(s, StartAt::AnyStep)),
            });
        }
    }
    out
}

/// Every end, in the order first reached in the file.
fn ends(p: &Policy) -> Vec<End> {
    let mut out: Vec<End> = Vec::new();
    for s in p.all_stages() {
        for o in &s.outcomes {
            if let Target::End(name) = &o.target {
                let slug = s.key.slug();
                match out.iter_mut().find(|e| &e.name == name) {
                    Some(end) => {
                        if !end.reached_from.contains(&slug) {
                            end.reached_from.push(slug);
                        }
                    }
                    None => out.push(End {
                        name: name.clone(),
                        reached_from: vec![slug],
                    }),
                }
            }
        }
    }
    out
}

/// How two limits on one act go together, as the JSON says it.
fn join(join: Join) -> &'static str {
    match join {
        Join::Sooner => "sooner",
        Join::SameAct => "same_act",
    }
}
