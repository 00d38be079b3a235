//! `ladder bpmn`: the policy as a BPMN 2.0 process that workflow engines
//! execute and modellers open (docs/bpmn.md).

use chrono::NaiveDate;
use clap::ValueEnum;

use crate::emit::bpmn::Expressions;

use super::json::{compile, emit};
use super::{Outcome, parse_date};

#[derive(Debug, clap::Args)]
pub struct BpmnArgs {
    /// The policy file to compile.
    #[arg(value_name = "FILE")]
    pub file: std::path::PathBuf,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long = "output", value_name = "OUT")]
    pub output: Option<std::path::PathBuf>,
    /// The language of conditions and timer expressions, which depends on
    /// the engine.
    #[arg(long, value_enum, default_value_t = Language::Feel)]
    pub expressions: Language,
    /// The date to check review dates against, as YYYY-MM-DD [default: today].
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
}

/// Expression languages, by the engines that read them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Language {
    /// FEEL, for Camunda 8 (`=outcome = "resolved"`).
    Feel,
    /// JUEL, for Flowable and Camunda 7 (`${outcome == "resolved"}`).
    Juel,
    /// Python, for `SpiffWorkflow` (`outcome == "resolved"`).
    Python,
}

impl From<Language> for Expressions {
    fn from(language: Language) -> Expressions {
        match language {
            Language::Feel => Expressions::Feel,
            Language::Juel => Expressions::Juel,
            Language::Python => Expressions::Python,
        }
    }
}

pub(super) fn run(args: &BpmnArgs) -> Outcome {
    let compiled = match compile(&args.file, args.today) {
        Ok(c) => c,
        Err(outcome) => return outcome,
    };
    let xml = crate::emit::bpmn::to_string(&compiled.policy, args.expressions.into());
    emit(args.output.as_deref(), xml.as_bytes())
}
