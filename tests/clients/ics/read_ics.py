"""Reads an iCalendar file with the `icalendar` library, as a calendar
program would, and prints what it found as JSON for the Rust test suite
(tests/suite/ics.rs) to compare with ladder's own dates.

Usage: python read_ics.py FILE.ics
"""

import json
import sys

import icalendar


def main(path):
    with open(path, "rb") as f:
        data = f.read()
    calendar = icalendar.Calendar.from_ical(data)
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        events.append(
            {
                "uid": str(event.get("UID")),
                "dtstamp": event.decoded("DTSTAMP").isoformat(),
                "start": start.isoformat(),
                "start_is_date": event["DTSTART"].params.get("VALUE") == "DATE",
                "end": end.isoformat(),
                "summary": str(event.get("SUMMARY")),
                "description": str(event.get("DESCRIPTION")),
                "alarms": [str(a.get("TRIGGER").to_ical(), "ascii") for a in event.walk("VALARM")],
            }
        )
    print(
        json.dumps(
            {
                "version": str(calendar.get("VERSION")),
                "prodid": str(calendar.get("PRODID")),
                "name": str(calendar.get("X-WR-CALNAME")),
                "icalendar": icalendar.__version__,
                "events": events,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
