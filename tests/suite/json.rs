//! `ladder json`: the contract with runtime engines. Snapshots of the five
//! policies; every output validated against the committed JSON Schema and
//! read into mirror structs that deny unknown fields, so that the code, the
//! schema and `docs/json.md` cannot drift apart; determinism; and no output
//! from a policy with errors.

use std::process::Command;

use serde_json::Value;

use crate::support::{check, ladder_files, root};

fn json_of(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let checked = check(&text);
    let policy = checked.clean_policy().expect("the policy has errors");
    ladder::emit::json::to_string(policy, &text)
}

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("docs/ladder.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ladder"))
}

#[test]
fn snapshots_of_the_five_policies() {
    for path in ladder_files("policies") {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("json-{name}"), json_of(&path));
    }
}

#[test]
fn every_output_is_valid_against_the_committed_schema() {
    let schema = schema();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let mut files = ladder_files("policies");
    files.extend(ladder_files("tests/policies"));
    files.push(root().join("tests/data/hostile-labels.ladder"));
    // The test policies of each language feature.
    files.extend(ladder_files("tests/policies"));
    for path in files {
        let value: Value = serde_json::from_str(&json_of(&path)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn every_output_reads_into_the_mirror_structs() {
    let mut files = ladder_files("policies");
    files.extend(ladder_files("tests/policies"));
    files.push(root().join("tests/data/hostile-labels.ladder"));
    // The test policies of each language feature.
    files.extend(ladder_files("tests/policies"));
    for path in files {
        let doc: mirror::Document = serde_json::from_str(&json_of(&path)).unwrap();
        assert_eq!(doc.format_version, 3);
        assert_eq!(doc.compiler.name, "ladder");
        assert_eq!(doc.compiler.version, env!("CARGO_PKG_VERSION"));
        // Every transition to a stage names a stage in the document, every
        // entry starts at one, and every end is reached from one.
        let ids: Vec<&str> = doc
            .stages
            .iter()
            .chain(doc.procedures.iter().flat_map(|p| p.steps.iter()))
            .map(|s| s.id.as_str())
            .collect();
        for stage in doc
            .stages
            .iter()
            .chain(doc.procedures.iter().flat_map(|p| p.steps.iter()))
        {
            for t in &stage.transitions {
                match t.target.as_str() {
                    "stage" => assert!(ids.contains(&t.stage.as_deref().unwrap())),
                    "end" => assert!(doc.ends.iter().any(|e| Some(&e.name) == t.end.as_ref())),
                    "follow" => assert!(t.follow.is_some()),
                    other => panic!("unknown target {other}"),
                }
            }
        }
        for entry in &doc.entries {
            assert!(entry.stages.iter().all(|s| ids.contains(&s.as_str())));
        }
        for phase in &doc.phases {
            assert!(!phase.stages.is_empty());
            assert!(phase.stages.iter().all(|s| ids.contains(&s.as_str())));
        }
        assert_eq!(doc.entries[0].kind, "first_stage");
        assert_eq!(doc.entries[0].stages, [doc.stages[0].id.clone()]);
    }
}

/// The schema says every property is required and no other is allowed, at
/// every level, and every property it names is described in `docs/json.md`.
#[test]
fn schema_is_closed_and_documented() {
    fn walk(value: &Value, names: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                if let Some(Value::Object(props)) = map.get("properties") {
                    assert_eq!(map.get("additionalProperties"), Some(&Value::Bool(false)));
                    let mut required: Vec<&str> = map["required"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect();
                    let mut keys: Vec<&str> = props.keys().map(String::as_str).collect();
                    required.sort_unstable();
                    keys.sort_unstable();
                    assert_eq!(required, keys);
                    names.extend(props.keys().cloned());
                }
                for v in map.values() {
                    walk(v, names);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, names)),
            _ => {}
        }
    }
    let schema = schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut names = Vec::new();
    walk(&schema, &mut names);
    let docs = std::fs::read_to_string(root().join("docs/json.md")).unwrap();
    for name in names {
        assert!(
            docs.contains(&format!("`{name}`")),
            "docs/json.md does not describe the field `{name}`"
        );
    }
}

#[test]
fn records_the_sha256_and_positions() {
    let path = root().join("policies/halton.ladder");
    let text = std::fs::read_to_string(&path).unwrap();
    let doc: mirror::Document = serde_json::from_str(&json_of(&path)).unwrap();
    assert_eq!(doc.source.sha256, ladder::emit::json::sha256_hex(&text));
    assert_eq!(doc.source.sha256.len(), 64);
    let line = text
        .lines()
        .position(|l| l.starts_with("stage 2 "))
        .unwrap()
        + 1;
    assert_eq!(doc.stages[1].at.line, line);
    assert_eq!(doc.stages[1].at.column, 1);
    let start = doc.stages[1].start.as_ref().unwrap();
    assert_eq!((start.kind.as_str(), start.amount), ("by", 3));
    assert_eq!(start.unit, "calendar_days");
    assert_eq!(
        doc.header.calendar.day_unit.as_deref(),
        Some("calendar_days")
    );
}

#[test]
fn the_command_writes_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().unwrap();
    let policy = root().join("policies/harrow.ladder");
    let mut outputs = Vec::new();
    for n in 0..2 {
        let out = dir.path().join(format!("harrow-{n}.json"));
        let status = bin()
            .args(["json", "--today", "2026-11-22", "-o"])
            .arg(&out)
            .arg(&policy)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(0));
        outputs.push(std::fs::read(&out).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
    let stdout = bin()
        .args(["json", "--today", "2026-11-22"])
        .arg(&policy)
        .output()
        .unwrap();
    assert_eq!(stdout.stdout, outputs[0]);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "no temporary files are left behind"
    );
}

#[test]
fn a_policy_with_errors_produces_nothing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.ladder");
    std::fs::write(
        &bad,
        "policy \"P\"\nstage 1 \"A\" {\n  led by nobody\n  resolved: end \"Done\"\n}\n",
    )
    .unwrap();
    let out = dir.path().join("bad.json");
    let run = bin()
        .arg("json")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(!out.exists());
    assert!(String::from_utf8_lossy(&run.stderr).contains("nothing was produced"));
    let run = bin().arg("json").arg(&bad).output().unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(run.stdout.is_empty());
}

#[test]
fn an_unwritable_output_path_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let policy = root().join("policies/halton.ladder");
    for out in [
        dir.path().join("no/such/folder/x.json"),
        dir.path().to_path_buf(),
    ] {
        let run = bin()
            .args(["json", "--today", "2026-11-22"])
            .arg(&policy)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{}", out.display());
        assert!(String::from_utf8_lossy(&run.stderr).contains("cannot write"));
    }
}

/// Mirror structs of the format. They deny unknown fields and have no
/// defaults, so a field added to, or missing from, the output fails here.
#[allow(dead_code)]
mod mirror {
    use serde::Deserialize;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Document {
        pub format_version: u32,
        pub compiler: Compiler,
        pub source: Source,
        pub header: Header,
        pub notes: Vec<String>,
        pub actors: Vec<Actor>,
        pub records: Vec<Named>,
        pub forms: Vec<Form>,
        pub every_stage: Vec<Duty>,
        pub overall: Option<Limit>,
        pub stages: Vec<Stage>,
        pub phases: Vec<Phase>,
        pub procedures: Vec<Procedure>,
        pub rules: Vec<Rule>,
        pub entries: Vec<Entry>,
        pub ends: Vec<End>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Compiler {
        pub name: String,
        pub version: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Source {
        pub sha256: String,
        pub lines: usize,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct At {
        pub line: usize,
        pub column: usize,
        pub end_line: usize,
        pub end_column: usize,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Header {
        pub title: Option<String>,
        pub board: Option<String>,
        pub board_short: Option<String>,
        pub boards_by_scope: Vec<ScopedBoard>,
        pub scope: Vec<String>,
        pub version: Option<String>,
        pub adopted: Option<Date>,
        pub updated: Option<Date>,
        pub review: Option<Date>,
        pub review_period: Option<ReviewPeriod>,
        pub calendar: Calendar,
        pub contacts: Vec<Contact>,
        pub source_document: Option<SourceDocument>,
        pub concern_raised_by: Option<String>,
        pub stage_word: String,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Date {
        pub first: String,
        pub last: String,
        pub precision: String,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ReviewPeriod {
        pub kind: String,
        pub amount: u32,
        pub unit: String,
        pub counted_from: String,
        pub text: String,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Calendar {
        pub day_unit: Option<String>,
        pub day_one: Option<String>,
        pub holidays: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Contact {
        pub address: String,
        pub kind: String,
        pub purpose: Option<String>,
        pub scope: Option<String>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct SourceDocument {
        pub title: String,
        pub url: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ScopedBoard {
        pub scope: String,
        pub name: String,
        pub short: Option<String>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Actor {
        pub name: String,
        pub description: String,
        pub scope: Option<String>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Named {
        pub name: String,
        pub description: String,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Form {
        pub name: String,
        pub title: String,
        pub fields: Vec<String>,
        pub send_to: Vec<Recipient>,
        pub cites: Vec<String>,
        pub notes: Vec<String>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Recipient {
        pub kind: String,
        pub value: String,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Stage {
        pub id: String,
        pub procedure: Option<String>,
        pub key: String,
        pub number: Option<u32>,
        pub label: String,
        pub title: String,
        pub cites: Vec<String>,
        pub notes: Vec<String>,
        pub start: Option<Limit>,
        pub conclude: Vec<Limit>,
        pub conclude_join: String,
        pub leads: Vec<String>,
        pub leads_either: bool,
        pub counterparts: Vec<Counterpart>,
        pub counterparts_either: bool,
        pub panel: Option<Panel>,
        pub duties: Vec<Duty>,
        pub conditions: Vec<Condition>,
        pub transitions: Vec<Transition>,
        pub repeats: Option<Repeats>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Repeats {
        pub how: String,
        pub up_to: Option<String>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Phase {
        pub title: String,
        pub stages: Vec<String>,
        pub onwards: bool,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Limit {
        pub kind: String,
        pub amount: u32,
        pub unit: String,
        pub anchor: String,
        pub anchor_stage: Option<String>,
        pub anchor_event: Option<String>,
        pub words: Option<String>,
        pub hard: bool,
        pub text: String,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Counterpart {
        pub actor: String,
        pub equivalent: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
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
        pub conditions: Vec<Condition>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(
        clippy::struct_field_names,
        reason = "mirrors the JSON object, whose `condition` field is named by the format"
    )]
    pub struct Condition {
        pub condition: String,
        pub cites: Vec<String>,
        pub notes: Vec<String>,
        pub leads: Option<Vec<String>>,
        pub leads_either: bool,
        pub counterparts: Option<Vec<Counterpart>>,
        pub counterparts_either: bool,
        pub duties: Vec<Duty>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Members {
        pub at_least: bool,
        pub count: u32,
        pub independent: bool,
        pub where_possible: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(
        clippy::struct_excessive_bools,
        reason = "mirrors the JSON duty, whose flags are booleans"
    )]
    pub struct Duty {
        pub kind: String,
        pub modality: String,
        pub optional: bool,
        pub what: Option<String>,
        pub actors: Vec<ActorRef>,
        pub actors_either: bool,
        pub records: Vec<RecordPlace>,
        pub form: Option<String>,
        pub by: Vec<ActorRef>,
        pub by_either: bool,
        pub by_each_party: bool,
        pub within: Option<Limit>,
        pub within_also: Option<Limit>,
        pub within_join: String,
        pub trigger: Option<String>,
        pub where_possible: bool,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct RecordPlace {
        pub record: String,
        pub each_agency: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct ActorRef {
        pub kind: String,
        pub actor: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Transition {
        pub when: String,
        pub condition: Option<String>,
        pub target: String,
        pub stage: Option<String>,
        pub end: Option<String>,
        pub follow: Option<String>,
        pub via: Vec<ActorRef>,
        pub via_either: bool,
        pub within: Option<Limit>,
        pub duties: Vec<Duty>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Procedure {
        pub name: String,
        pub title: String,
        pub applies: Option<String>,
        pub concern_raised_by: Option<String>,
        pub rules: Vec<Rule>,
        pub meanwhile: Vec<String>,
        pub cites: Vec<String>,
        pub notes: Vec<String>,
        pub steps: Vec<Stage>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Rule {
        pub id: String,
        pub condition: String,
        pub cites: Vec<String>,
        pub notes: Vec<String>,
        pub start_at_any_stage: bool,
        pub start_at_any_step: bool,
        pub start_at: Vec<String>,
        pub follow: Vec<String>,
        pub duties: Vec<Duty>,
        pub at: At,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Entry {
        pub kind: String,
        pub from: Option<String>,
        pub condition: Option<String>,
        pub stages: Vec<String>,
        pub any_stage: bool,
        pub any_step: bool,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct End {
        pub name: String,
        pub reached_from: Vec<String>,
    }
}

/// The example in docs/json.md is Halton's stage 2 as the compiler writes
/// it, so that an integrator reading the docs sees the real shape.
#[test]
fn the_example_in_the_docs_is_the_real_output() {
    let docs = std::fs::read_to_string(root().join("docs/json.md")).unwrap();
    let example = docs
        .split("## Example")
        .nth(1)
        .and_then(|s| s.split("```json\n").nth(1))
        .and_then(|s| s.split("```").next())
        .unwrap();
    let shown: Value = serde_json::from_str(example).unwrap();
    let real: Value =
        serde_json::from_str(&json_of(&root().join("policies/halton.ladder"))).unwrap();
    assert_eq!(shown, real["stages"][1]);
}
