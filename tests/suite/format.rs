//! `ladder fmt`: one canonical layout that keeps every word and every
//! comment, is idempotent, and never changes what a policy means.

use proptest::prelude::*;

use ladder::format::{comments, format};
use ladder::lower::lower;

use crate::support::ladder_files;

fn shipped() -> Vec<String> {
    ladder_files("policies")
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// What a policy means: its lowered model (spans never compare).
fn meaning(text: &str) -> ladder::model::Policy {
    let (tree, diagnostics) = ladder::syntax_error::parse(text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    lower(&tree.unwrap()).0
}

#[test]
fn the_shipped_policies_are_formatted() {
    for (path, text) in ladder_files("policies").iter().zip(shipped()) {
        assert_eq!(
            format(&text).unwrap(),
            text,
            "{} is not formatted",
            path.display()
        );
    }
}

#[test]
fn a_scrambled_stage_is_laid_out_one_statement_per_line() {
    let text = "stage 1 \"One\" {   // after brace\nstart on day 1 conclude\n  // inside\n  by day 3\n resolved : end \"Done\" }\n";
    assert_eq!(
        format(text).unwrap(),
        "stage 1 \"One\" { // after brace\n  start on day 1\n  conclude by day 3\n  // inside\n  resolved: end \"Done\"\n}\n"
    );
}

#[test]
fn wording_is_kept_exactly() {
    let text = "stage 1 \"A\" {\n  start no later than day 3\n  conclude within one working day\n  led by a with equivalent b or c\n}\n";
    assert_eq!(format(text).unwrap(), text);
}

#[test]
fn one_agency_is_kept_as_written() {
    // `agency` for one and `agencies` for several: the formatter keeps the
    // word the author chose, and the meaning is the same either way.
    let text = "policy \"P\"\nboard \"B\" (B)\nconcern raised by worker\n\
                actor worker \"Worker\"\nactor chair \"Chair\"\n\
                stage 1 \"One\" {\n  led by chair\n  panel \"Panel\" {\n    \
                members   at least   ONE agency not concerned in the disagreement\n  }\n  \
                resolved: end \"Done\"\n}\n";
    let formatted = format(text).unwrap();
    assert!(
        formatted.contains("\n    members at least ONE agency not concerned in the disagreement\n"),
        "{formatted}"
    );
    assert_eq!(format(&formatted).unwrap(), formatted);
    let members = meaning(&formatted).stages[0]
        .panel
        .as_ref()
        .unwrap()
        .members
        .clone()
        .unwrap();
    assert!(members.at_least);
    assert_eq!(members.count, 1);
}

#[test]
fn a_file_with_syntax_errors_is_refused() {
    assert!(format("stage 1 \"A\" {\n  start no later than\n}\n").is_err());
}

/// Rewrites the layout of `text`: every run of whitespace outside quotes and
/// comments becomes one of `choices` (keeping a line break where one must
/// end a comment), and comments are added at some line ends and on lines of
/// their own.
fn scramble(text: &str, choices: &[u8]) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    let mut in_comment = false;
    let mut n = 0usize;
    let mut added = 0usize;
    while let Some(c) = chars.next() {
        if in_comment {
            out.push(c);
            if c == '\n' {
                in_comment = false;
            }
            continue;
        }
        if in_string {
            out.push(c);
            in_string = c != '"';
            continue;
        }
        if c == '/' && chars.peek() == Some(&'/') {
            in_comment = true;
            out.push(c);
            continue;
        }
        if c.is_whitespace() {
            let mut run = String::from(c);
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                run.push(chars.next().unwrap());
            }
            let choice = choices[n % choices.len()];
            n += 1;
            let had_newline = run.contains('\n');
            let replacement = match choice % 6 {
                0 => " ",
                1 => "\n",
                2 => "   \n\n\t ",
                3 => "\t",
                4 => "\n  ",
                _ => "  ",
            };
            // Comments go only where a statement ended (a line break in the
            // shipped layout); inside `no later than` they would not parse.
            if had_newline && choice.is_multiple_of(7) {
                added += 1;
                out.push_str(&format!(" // added {added}\n"));
            } else if had_newline && choice.is_multiple_of(11) {
                added += 1;
                out.push_str(&format!("\n// own line {added}\n"));
            } else if had_newline && !replacement.contains('\n') {
                out.push('\n');
            } else {
                out.push_str(replacement);
            }
            continue;
        }
        in_string = c == '"';
        out.push(c);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn formatting_a_scrambled_policy_keeps_comments_and_meaning_and_is_idempotent(
        which in 0usize..5,
        choices in prop::collection::vec(any::<u8>(), 1..64),
    ) {
        let original = &shipped()[which];
        let scrambled = scramble(original, &choices);
        let formatted = format(&scrambled).unwrap();
        let before: Vec<String> = comments(&scrambled).into_iter().map(|c| c.text).collect();
        let after: Vec<String> = comments(&formatted).into_iter().map(|c| c.text).collect();
        prop_assert_eq!(before, after);
        prop_assert_eq!(format(&formatted).unwrap(), formatted.clone());
        prop_assert!(meaning(&formatted) == meaning(original));
    }
}

/// A valid policy built from generated parts: `windows` gives each stage's
/// start and conclude days, `extras` chooses optional statements.
fn generated(windows: &[(u8, u8)], extras: &[u8]) -> String {
    // One board and one manager for everyone, or one of each for each
    // group the policy covers.
    let by_group = extras.get(3).is_some_and(|e| e % 3 == 0);
    let (board, manager) = if by_group {
        (
            "board \"Generated Adults Board\" (GAB) for adults\nboard \"Generated Children's Board\" for children\n\
             covers children and adults\ncontact \"gab@example.org\" for \"referrals\" for adults\n\
             contact \"0800 000 0000\" for children\n",
            "actor manager \"Manager of adult services\" for adults\nactor manager \"Manager of children's services\" for children\n",
        )
    } else {
        (
            "board \"Generated Board\" (GB)\n",
            "actor manager \"Manager\"\n",
        )
    };
    let mut text = format!(
        "policy \"Generated\"\n{board}concern raised by worker\n\
         days are calendar days\nday 1 is the day the concern arose\nholidays england-and-wales\n\
         actor worker \"Worker\"\n{manager}record case_record \"Case record\"\n\
         record file \"File\"\nform referral \"Referral\" {{\n  field \"Name\"\n}}\n",
    );
    if extras.first().is_some_and(|e| e % 5 == 0) {
        text.push_str("note \"A note of the whole policy\"\n");
    }
    if extras.first().is_some_and(|e| e % 3 == 1) {
        text.push_str("all stages conclude within 40 working days\n");
    }
    // The review line: a date, or a period counted from adoption or from
    // the last update.
    match extras.get(1).map(|e| e % 4) {
        Some(0) => text.push_str("adopted April 2024\nreview every 2 years\n"),
        Some(1) => text.push_str(
            "adopted 1 April 2024\nupdated March 2025\nreview within twelve months of the last update\n",
        ),
        Some(2) => text.push_str("adopted 2024\nreview within 18 months of adoption\n"),
        _ => text.push_str("review April 2027\n"),
    }
    if extras.first().is_some_and(|e| e % 2 == 0) {
        text.push_str("every stage {\n  record \"the outcome\" in case_record\n  share outcome with worker\n}\n");
    }
    let n = windows.len();
    for (i, (start, length)) in windows.iter().enumerate() {
        let number = i + 1;
        let start = u32::from(*start) + 1;
        let conclude = start + u32::from(*length);
        let extra = extras.get(i).copied().unwrap_or(0);
        text.push_str(&format!(
            "stage {number} \"Stage {number}\" {{\n  start no later than day {start}\n"
        ));
        match extra % 5 {
            0 => text.push_str(&format!("  conclude by day {conclude}\n")),
            1 => text.push_str("  conclude within 5 working days\n"),
            2 => text.push_str(&format!(
                "  aim to conclude by day {conclude} or within 24 hours whichever is sooner\n"
            )),
            3 => text.push_str("  conclude within 48 hours (2 working days)\n"),
            _ => {}
        }
        // The timescales and anchors of "Language 2".
        match extra % 7 {
            2 => text.push_str(
                "  task \"reply\" immediately\n  notify worker within 48 hours (2 working days)\n",
            ),
            3 => text.push_str(
                "  task \"write\" within 24 hours or within 1 working day, whichever is sooner\n  \
                 task \"send\" within a further 2 working days\n",
            ),
            4 if number > 1 => text.push_str(&format!(
                "  task \"review\" within 3 working days of stage {} concluding\n",
                number - 1
            )),
            5 => text.push_str(
                "  meet \"both managers\" within 2 working days\n  task \"agree\" before the meeting ends\n",
            ),
            6 => text.push_str(
                "  report \"progress\" to manager without delay\n  \
                 task \"check\" case by case \"as the risk requires\"\n",
            ),
            _ => {}
        }
        text.push_str("  led by manager with equivalent manager\n");
        // A finding the board accepts, with its reason: the formatter keeps
        // it as written, in its block.
        if extras.get(5).is_some_and(|e| e % 2 == 0) {
            text.push_str(&format!(
                "  accept L043 \"agreed with the board on 2026-11-0{}\"\n",
                number % 9 + 1
            ));
        }
        // Panels, with `agency` for one as well as `agencies`.
        match extra % 7 {
            2 => text.push_str(
                "  panel \"Resolution Panel\" {\n    convened by manager\n    \
                 members at least one agency not concerned in the disagreement\n  }\n",
            ),
            4 => text.push_str(
                "  panel \"Resolution Panel\" {\n    \
                 members 3 agencies including those concerned where possible\n  }\n",
            ),
            _ => {}
        }
        if extra % 11 == 2 {
            text.push_str("  repeats \"with more senior managers in turn\" up to manager\n");
        } else if extra % 11 == 4 {
            text.push_str("  repeats \"in turn\"\n");
        }
        if extra % 3 == 0 {
            text.push_str("  may notify worker when resolved\n");
        }
        if extra % 5 == 1 {
            text.push_str("  notify manager where possible by worker\n");
        }
        if extra % 7 == 2 {
            text.push_str("  should consult manager\n");
        }
        if extra % 6 == 1 {
            text.push_str("  notify own manager by each party when unresolved\n");
        }
        if extra % 5 == 3 {
            text.push_str(
                "  record \"the outcome\" in each agency's case_record and file using referral\n",
            );
        }
        if extra % 9 == 4 {
            text.push_str("  complete referral when resolved\n");
        }
        if extra % 4 == 1 {
            text.push_str(
                "  if \"a care provider is involved\" {\n    with equivalent manager or worker\n    \
                 should involve manager by each party\n  }\n",
            );
        }
        if extra % 10 == 6 {
            text.push_str(
                "  if \"the manager is away\" {\n    led by worker with manager\n    note \"N\"\n  }\n  \
                 panel \"Panel\" {\n    if \"urgent\" {\n      notify manager\n    }\n  }\n",
            );
        }
        if extra % 8 == 3 {
            text.push_str("  share outcome with all involved, the parties and equivalent worker\n");
        }
        if extra % 3 == 2 {
            text.push_str(&format!(
                "  if \"agreed\": end \"Agreed at stage {number}\" {{\n    \
                 task \"written confirmation\" within 2 working days\n    share outcome with the parties\n  }}\n"
            ));
        }
        text.push_str(&format!("  resolved: end \"Resolved at stage {number}\"\n"));
        if number < n {
            let via = if extra % 4 == 2 {
                " via own manager"
            } else if extra % 2 == 0 {
                " via manager or equivalent worker"
            } else {
                ""
            };
            let limit = if extra % 5 == 4 {
                " within 1 working day"
            } else {
                ""
            };
            text.push_str(&format!(
                "  unresolved: escalate to stage {}{via}{limit}\n",
                number + 1
            ));
        }
        text.push_str("}\n");
    }
    text.push_str("when \"the adult is at immediate risk\" {\n  start at any stage\n}\n");
    if extras.get(5).is_some_and(|e| e % 3 == 0) {
        text.push_str("accept L024 \"the file record is kept for the inspectors\"\n");
    }
    // A sub-procedure with its own raiser and exception rule.
    if let Some(e) = extras.get(4).filter(|e| *e % 2 == 0) {
        let start = if e % 4 == 0 {
            "start at any step"
        } else {
            "start at step 2"
        };
        text.push_str(&format!(
            "procedure dispute \"Disputes\" {{\n  applies when \"a manager disagrees\"\n  \
             concern raised by manager\n  step 1 \"First\" {{\n    led by manager\n    \
             resolved: end \"Agreed\"\n    unresolved: go to step 2\n  }}\n  \
             step 2 \"Second\" {{\n    led by worker\n    resolved: end \"Decided\"\n    \
             unresolved: escalate to stage 1\n  }}\n  when \"it is urgent\" {{\n    {start}\n    \
             notify worker by manager\n  }}\n}}\n"
        ));
    }
    // Phases: the first half of the ladder, and the rest onwards.
    if extras.get(2).is_some_and(|e| e % 3 == 0) && n >= 2 {
        let half = n / 2;
        if half == 1 {
            text.push_str("phase \"Early\" covers stage 1\n");
        } else {
            text.push_str(&format!("phase \"Early\" covers stages 1 to {half}\n"));
        }
        text.push_str(&format!("phase \"Late\" from stage {}\n", half + 1));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn formatting_a_scrambled_generated_policy_keeps_comments_and_meaning_and_is_idempotent(
        windows in prop::collection::vec((0u8..30, 0u8..10), 1..12),
        extras in prop::collection::vec(any::<u8>(), 0..12),
        choices in prop::collection::vec(any::<u8>(), 1..64),
    ) {
        let original = generated(&windows, &extras);
        prop_assert_eq!(format(&original).unwrap(), original.clone(), "the generator writes canonical layout");
        let scrambled = scramble(&original, &choices);
        let formatted = format(&scrambled).unwrap();
        let before: Vec<String> = comments(&scrambled).into_iter().map(|c| c.text).collect();
        let after: Vec<String> = comments(&formatted).into_iter().map(|c| c.text).collect();
        prop_assert_eq!(before, after);
        prop_assert_eq!(format(&formatted).unwrap(), formatted.clone());
        prop_assert!(meaning(&formatted) == meaning(&original));
    }
}
