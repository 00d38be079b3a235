//! The `--calendar` and `--holidays FILE` options, shared by `check` and
//! `timeline`: which bank holidays working days skip.

use std::path::PathBuf;

use crate::calendar::{Division, feed_warnings, parse_feed};
use crate::deadline::HolidaySource;

use super::files;

/// Which bank holidays to count working days with.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct HolidayArgs {
    /// Count working days with this bank-holiday calendar instead of the
    /// one the policy's `holidays` line names: england-and-wales, scotland,
    /// northern-ireland or any-uk.
    #[arg(long, value_name = "CALENDAR", value_parser = parse_division)]
    pub calendar: Option<Division>,
    /// Take the government's list of bank holidays into account: the
    /// bank-holidays.json file from <https://www.gov.uk/bank-holidays.json>.
    /// Its years replace the built-in ones, and years it adds are known.
    #[arg(long, value_name = "FILE")]
    pub holidays: Option<PathBuf>,
}

pub(super) fn parse_division(text: &str) -> Result<Division, String> {
    Division::from_name(text.trim()).ok_or_else(|| {
        let names: Vec<&str> = Division::ALL.iter().map(|d| d.name()).collect();
        format!(
            "`{text}` is not a bank-holiday calendar; use one of {}",
            names.join(", ")
        )
    })
}

impl HolidayArgs {
    /// Reads `--holidays FILE`, if given. The message says what is wrong
    /// with the file, in words, when it cannot be used; when it can, what it
    /// changes unexpectedly (a year with fewer bank holidays than the
    /// built-in one, years left to the rules) is printed as a warning.
    pub fn load(&self) -> Result<HolidaySource, String> {
        let feed = match &self.holidays {
            None => None,
            Some(path) => {
                let text = files::read(path).map_err(|files::Trouble(message)| message)?;
                let feed = parse_feed(&text)
                    .map_err(|e| format!("cannot use `{}`: {e}", files::display(path)))?;
                // The file is used as it is; what it changes that a reader
                // may not expect is said on stderr.
                for warning in feed_warnings(&feed) {
                    eprintln!("warning: `{}` {warning}", files::display(path));
                }
                Some(feed)
            }
        };
        Ok(HolidaySource {
            division: self.calendar,
            feed,
        })
    }
}
