//! The parts of the United Kingdom that have their own list of bank holidays,
//! and the names a procedure file uses for them. This file owns nothing but
//! the names; the holidays themselves live in `rules.rs`, `one_off.rs` and
//! `feed.rs`.

/// A part of the United Kingdom whose bank holidays a calendar follows.
///
/// The Banking and Financial Dealings Act 1971 gives separate lists for
/// England and Wales, for Scotland and for Northern Ireland. `AnyUk` is not a
/// legal division: it is the union of the three, which is how the Freedom of
/// Information Act 2000 (section 10(6)) counts working days, so that a body
/// serving more than one part of the UK can count conservatively.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Division {
    EnglandAndWales,
    Scotland,
    NorthernIreland,
    AnyUk,
}

impl Division {
    /// Every division, in the order they are listed to a reader.
    pub const ALL: [Division; 4] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
        Division::AnyUk,
    ];

    /// The three divisions that have bank holidays of their own, that is
    /// every division except `AnyUk`.
    pub const SEPARATE: [Division; 3] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
    ];

    /// Looks a division up by the kebab-case name used in procedure files and
    /// in the government's bank-holidays.json (which has no `any-uk`).
    pub fn from_name(name: &str) -> Option<Division> {
        Division::ALL.into_iter().find(|d| d.name() == name)
    }

    /// The kebab-case name, as written in procedure files.
    pub fn name(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
            Division::AnyUk => "any-uk",
        }
    }

    /// The name as it reads in an English sentence, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "England and Wales",
            Division::Scotland => "Scotland",
            Division::NorthernIreland => "Northern Ireland",
            Division::AnyUk => "any part of the UK",
        }
    }
}
