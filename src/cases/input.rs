//! Reading cases: one concern per line, as CSV with a header row or as JSON
//! Lines, into a `Case`. Each line is read on its own, so a bad line is
//! reported with its number and the rest are still read; nothing here holds
//! more than the line in hand.
//!
//! The fields (docs/timeline.md, "Many cases at once"): `id` and `raised`
//! are required; `calendar`, `stage`, `stage_entered` and `closed` are
//! optional. Other columns or keys are ignored, so an export from a case
//! management system can be used as it is.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::calendar::Division;

/// How the cases are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Comma-separated values with a header row naming the columns.
    Csv,
    /// One JSON object per line.
    JsonLines,
}

impl InputFormat {
    /// The format a file name's extension says: `.csv`, or `.jsonl`,
    /// `.ndjson` and `.json` for JSON Lines; `None` for anything else.
    #[must_use]
    pub fn from_extension(name: &str) -> Option<InputFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(InputFormat::Csv),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }

    /// The format of a first line, when no name or option says: a line
    /// that starts with `{` is JSON Lines, anything else a CSV header.
    #[must_use]
    pub fn sniff(first_line: &str) -> InputFormat {
        if first_line
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('{')
        {
            InputFormat::JsonLines
        } else {
            InputFormat::Csv
        }
    }
}

/// One concern as read from a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case<'a> {
    /// The case's identifier in the system it came from, as written.
    pub id: Cow<'a, str>,
    /// When the concern was raised, as written (a date, or a date and time).
    pub raised: Cow<'a, str>,
    /// The date part of `raised`: deadlines are counted in days.
    pub raised_date: NaiveDate,
    /// The bank-holiday calendar for this case, if the line names one.
    pub calendar: Option<Division>,
    /// The stage the case has reached, as written (`stage-2`, `Stage 2`, `2`).
    pub stage: Option<Cow<'a, str>>,
    /// When that stage was entered.
    pub stage_entered: Option<NaiveDate>,
    /// When the case was resolved or closed.
    pub closed: Option<NaiveDate>,
}

/// Where each field is in a CSV file, from its header row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    id: usize,
    raised: usize,
    calendar: Option<usize>,
    stage: Option<usize>,
    stage_entered: Option<usize>,
    closed: Option<usize>,
}

/// A column name as the header may write it: any case, spaces or hyphens
/// for underscores (`Stage entered`, `stage-entered`).
fn column_key(name: &str) -> String {
    name.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

impl Columns {
    /// Reads the header row. The message says which required column is
    /// missing, or which column is named twice.
    pub fn from_header(line: &str) -> Result<Columns, String> {
        let names = split_csv(line)?;
        let mut found: [Option<usize>; 6] = [None; 6];
        for (i, name) in names.iter().enumerate() {
            let slot = match column_key(name).as_str() {
                "id" | "case_id" => 0,
                "raised" | "raised_at" => 1,
                "calendar" => 2,
                "stage" => 3,
                "stage_entered" | "entered" => 4,
                "closed" | "resolved" => 5,
                _ => continue,
            };
            if found[slot].is_some() {
                return Err(format!("the column `{}` is named twice", name.trim()));
            }
            found[slot] = Some(i);
        }
        let [id, raised, calendar, stage, stage_entered, closed] = found;
        let missing: Vec<&str> = [("id", id), ("raised", raised)]
            .into_iter()
            .filter(|(_, at)| at.is_none())
            .map(|(name, _)| name)
            .collect();
        match (id, raised) {
            (Some(id), Some(raised)) => Ok(Columns {
                id,
                raised,
                calendar,
                stage,
                stage_entered,
                closed,
            }),
            _ => Err(format!(
                "the header row has no `{}` column; the first line must name the columns, such as `id,raised,calendar,stage,stage_entered,closed`",
                missing.join("` or `")
            )),
        }
    }

    /// Reads one data row.
    pub fn read<'a>(&self, line: &'a str) -> Result<Case<'a>, String> {
        let mut fields = split_csv(line)?;
        let mut take = |at: Option<usize>| -> Option<Cow<'a, str>> {
            let field = fields.get_mut(at?)?;
            let field = std::mem::take(field);
            match &field {
                Cow::Borrowed(s) if s.trim().is_empty() => None,
                Cow::Owned(s) if s.trim().is_empty() => None,
                _ => Some(field),
            }
        };
        let id = take(Some(self.id));
        let raised = take(Some(self.raised));
        let calendar = take(self.calendar);
        let stage = take(self.stage);
        let stage_entered = take(self.stage_entered);
        let closed = take(self.closed);
        make_case(Fields {
            id,
            raised,
            calendar,
            stage,
            stage_entered,
            closed,
        })
    }
}

/// The fields of one line, before their values are checked.
struct Fields<'a> {
    id: Option<Cow<'a, str>>,
    raised: Option<Cow<'a, str>>,
    calendar: Option<Cow<'a, str>>,
    stage: Option<Cow<'a, str>>,
    stage_entered: Option<Cow<'a, str>>,
    closed: Option<Cow<'a, str>>,
}

fn make_case(fields: Fields<'_>) -> Result<Case<'_>, String> {
    let id = match fields.id {
        Some(id) if !id.trim().is_empty() => id,
        _ => return Err("the case has no `id`".to_owned()),
    };
    let Some(raised) = fields.raised else {
        return Err(format!("case `{id}` has no `raised` date"));
    };
    let raised_date =
        parse_moment(raised.trim()).map_err(|e| format!("case `{id}`: `raised` {e}"))?;
    let calendar = match fields.calendar {
        None => None,
        Some(name) => Some(Division::from_name(name.trim()).ok_or_else(|| {
            let names: Vec<&str> = Division::ALL.iter().map(|d| d.name()).collect();
            format!(
                "case `{id}`: `{name}` is not a bank-holiday calendar; use one of {}",
                names.join(", ")
            )
        })?),
    };
    let date = |field: Option<Cow<'_, str>>, name: &str| -> Result<Option<NaiveDate>, String> {
        field
            .map(|text| parse_day(text.trim()).map_err(|e| format!("case `{id}`: `{name}` {e}")))
            .transpose()
    };
    let stage_entered = date(fields.stage_entered, "stage_entered")?;
    let closed = date(fields.closed, "closed")?;
    if stage_entered.is_some() && fields.stage.is_none() {
        return Err(format!(
            "case `{id}` says when its stage was entered but not which stage; add the `stage`"
        ));
    }
    for (name, when) in [("stage_entered", stage_entered), ("closed", closed)] {
        if let Some(when) = when
            && when < raised_date
        {
            return Err(format!(
                "case `{id}`: `{name}` is {}, before the concern was raised on {}",
                when.format("%Y-%m-%d"),
                raised_date.format("%Y-%m-%d")
            ));
        }
    }
    Ok(Case {
        id,
        raised,
        raised_date,
        calendar,
        stage: fields.stage,
        stage_entered,
        closed,
    })
}

/// A text field of a JSON line that may also be written as a number
/// (`"id": 1234`): numbers are read as the text they are written with.
#[derive(Debug)]
struct Text(String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text or a number")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Text, E> {
                Ok(Text(v.to_owned()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Text, E> {
                Ok(Text(v.to_string()))
            }
        }
        d.deserialize_any(Visit)
    }
}

/// One JSON line; keys not listed here are ignored.
#[derive(Deserialize)]
struct JsonCase {
    #[serde(alias = "case_id")]
    id: Option<Text>,
    #[serde(alias = "raised_at")]
    raised: Option<Text>,
    calendar: Option<Text>,
    stage: Option<Text>,
    #[serde(alias = "entered")]
    stage_entered: Option<Text>,
    #[serde(alias = "resolved")]
    closed: Option<Text>,
}

/// Reads one JSON line.
pub fn read_json(line: &str) -> Result<Case<'static>, String> {
    let case: JsonCase = serde_json::from_str(line).map_err(|e| {
        // serde_json ends its message with " at line 1 column N"; the line
        // is ours to give, the column is worth keeping.
        let text = e.to_string();
        let message = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
        match e.classify() {
            serde_json::error::Category::Data => format!("column {}: {message}", e.column()),
            _ => format!(
                "column {}: the line is not a JSON object ({message}); write one case per line, such as {{\"id\": \"C-1\", \"raised\": \"2026-11-22\"}}",
                e.column()
            ),
        }
    })?;
    let owned = |t: Option<Text>| -> Option<Cow<'static, str>> {
        t.map(|Text(s)| Cow::<str>::Owned(s))
            .filter(|s| !s.trim().is_empty())
    };
    make_case(Fields {
        id: owned(case.id),
        raised: owned(case.raised),
        calendar: owned(case.calendar),
        stage: owned(case.stage),
        stage_entered: owned(case.stage_entered),
        closed: owned(case.closed),
    })
}

/// Splits one CSV line into its fields (RFC 4180 quoting: a field in double
/// quotes may hold commas, and `""` inside it is one quote). A quoted field
/// must be closed on the same line: cases are read one line at a time.
pub fn split_csv(line: &str) -> Result<Vec<Cow<'_, str>>, String> {
    let mut fields = Vec::with_capacity(8);
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        if bytes.get(at) == Some(&b'"') {
            let mut text = String::new();
            let mut i = at + 1;
            loop {
                let Some(rest) = line.get(i..) else {
                    return Err(unclosed(at));
                };
                let Some(quote) = rest.find('"') else {
                    return Err(unclosed(at));
                };
                text.push_str(&rest[..quote]);
                i += quote + 1;
                if bytes.get(i) == Some(&b'"') {
                    text.push('"');
                    i += 1;
                } else {
                    break;
                }
            }
            fields.push(Cow::Owned(text));
            match bytes.get(i) {
                None => return Ok(fields),
                Some(b',') => at = i + 1,
                Some(_) => {
                    return Err(format!(
                        "column {}: a quoted field must end at a comma",
                        i + 1
                    ));
                }
            }
        } else {
            let rest = line.get(at..).unwrap_or_default();
            if let Some(comma) = rest.find(',') {
                fields.push(Cow::Borrowed(&rest[..comma]));
                at += comma + 1;
            } else {
                fields.push(Cow::Borrowed(rest));
                return Ok(fields);
            }
        }
    }
}

fn unclosed(at: usize) -> String {
    format!(
        "column {}: the quoted field is not closed on this line (a case must fit on one line)",
        at + 1
    )
}

/// A date written YYYY-MM-DD.
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let shaped = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    let parts = (digits(0..4), digits(5..7), digits(8..10));
    match (shaped, parts) {
        (true, (Some(y), Some(m), Some(d))) => i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            .ok_or_else(|| format!("`{text}` is written YYYY-MM-DD but there is no such day")),
        _ => Err(format!(
            "`{text}` is not a date in the form YYYY-MM-DD, such as 2026-11-22"
        )),
    }
}

/// A date, or a date and a time of day (`2026-12-24T09:30`,
/// `2026-12-24 09:30:00`, with `Z` or an offset such as `+01:00` allowed):
/// the date part is what deadlines count from.
pub fn parse_moment(text: &str) -> Result<NaiveDate, String> {
    let Some(day) = text.get(..10).filter(|_| text.len() > 10) else {
        return parse_day(text);
    };
    let date = parse_day(day).map_err(|_| {
        format!(
            "`{text}` is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM), such as 2026-11-22T09:30"
        )
    })?;
    let rest = &text[10..];
    if rest.is_empty() {
        return Ok(date);
    }
    let time = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix(' '))
        .unwrap_or("!");
    // A zone is allowed but not used: the date as written is the local
    // date the concern arose.
    let time = time.strip_suffix('Z').unwrap_or(time);
    let time = match time
        .len()
        .checked_sub(6)
        .and_then(|at| Some((at, time.get(at..)?)))
    {
        Some((at, zone)) if at > 0 && (zone.starts_with('+') || zone.starts_with('-')) => {
            time.get(..at).unwrap_or(time)
        }
        _ => time,
    };
    let ok = clock(time);
    if ok {
        Ok(date)
    } else {
        Err(format!(
            "`{text}` has a time that is not HH:MM or HH:MM:SS, such as 2026-11-22T09:30"
        ))
    }
}

/// Whether `time` is HH:MM or HH:MM:SS on a 24-hour clock.
fn clock(time: &str) -> bool {
    let b = time.as_bytes();
    let two = |at: usize, max: u8| -> bool {
        match (b.get(at), b.get(at + 1)) {
            (Some(&t), Some(&u)) if t.is_ascii_digit() && u.is_ascii_digit() => {
                (t - b'0') * 10 + (u - b'0') <= max
            }
            _ => false,
        }
    };
    match b.len() {
        5 => two(0, 23) && b[2] == b':' && two(3, 59),
        8 => two(0, 23) && b[2] == b':' && two(3, 59) && b[5] == b':' && two(6, 59),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_follow_rfc_4180_quoting() {
        let fields = split_csv(r#"a,"b, c","say ""no""",,e"#).unwrap();
        assert_eq!(fields, ["a", "b, c", "say \"no\"", "", "e"]);
        assert!(split_csv(r#"a,"open"#).unwrap_err().contains("not closed"));
        assert!(
            split_csv(r#""x"y,z"#)
                .unwrap_err()
                .contains("end at a comma")
        );
    }

    #[test]
    fn header_names_are_read_loosely_and_required_ones_checked() {
        let columns = Columns::from_header("Case ID,Raised,Stage Entered,stage,other").unwrap();
        let case = columns.read("C-1,2026-12-24T09:30,2026-12-29,2,x").unwrap();
        assert_eq!(case.id, "C-1");
        assert_eq!(
            case.raised_date,
            NaiveDate::from_ymd_opt(2026, 12, 24).unwrap()
        );
        assert_eq!(case.stage.as_deref(), Some("2"));
        assert_eq!(case.stage_entered, NaiveDate::from_ymd_opt(2026, 12, 29));
        let missing = Columns::from_header("id,when").unwrap_err();
        assert!(missing.contains("no `raised` column"), "{missing}");
    }

    #[test]
    fn moments_take_their_date() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        for ok in [
            "2026-03-01",
            "2026-03-01T23:59",
            "2026-03-01 08:00:30",
            "2026-03-01T08:00Z",
            "2026-03-01T08:00+01:00",
        ] {
            assert_eq!(parse_moment(ok), Ok(d), "{ok}");
        }
        for bad in ["2026-3-1", "2026-03-01T25:00", "01/03/2026", "2026-02-30"] {
            assert!(parse_moment(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn json_lines_accept_numbers_for_ids() {
        let case = read_json(r#"{"id": 17, "raised": "2026-04-03", "extra": [1]}"#).unwrap();
        assert_eq!(case.id, "17");
        let bad = read_json(r#"{"id": "x", "raised": "2026-04-31"}"#).unwrap_err();
        assert_eq!(
            bad,
            "case `x`: `raised` `2026-04-31` is written YYYY-MM-DD but there is no such day"
        );
        assert!(read_json("{\"id\": ").unwrap_err().starts_with("column "));
    }
}
