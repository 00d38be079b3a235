//! iCalendar output, read back by Python's `icalendar` (installed by
//! `.ci/setup-cases.sh`).
