"""Runs a ladder BPMN file in SpiffWorkflow, as an engine would.

Usage: python run_spiff.py FILE.bpmn SCENARIO.json

The scenario says which message starts the case, the process variables
the engine sets at the start (the `*_by` dates from `ladder timeline`,
`entry_stage`), the engine's clock, and a list of actions:

  {"run": {"Task_stage_1": "unresolved"}, "default": "resolved"}
      complete every ready user task, setting `outcome` from the map (or
      the default), until none is ready
  {"complete": "Task_stage_2", "outcome": "unresolved"}
      complete one ready user task
  {"clock": "2026-12-30T00:00:01+00:00"}
      move the engine's clock and let the timers that are due fire

After each action it records the ready user tasks and the waiting timers
with their due dates; at the end it prints JSON: whether the workflow
completed, the names of the end events reached, and those records.
"""
import json
import sys
from datetime import datetime, timezone

from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.specs.event_definitions.message import MessageEventDefinition
from SpiffWorkflow.bpmn.specs.event_definitions import timer as timer_module
from SpiffWorkflow.bpmn.util import BpmnEvent
from SpiffWorkflow.util.task import TaskState

CLOCK = [datetime(2026, 1, 1, tzinfo=timezone.utc)]


class Clock(datetime):
    """The engine's clock: SpiffWorkflow's timers ask `datetime.now`."""

    @classmethod
    def now(cls, tz=None):
        now = CLOCK[0]
        return now.astimezone(tz) if tz else now


timer_module.datetime = Clock


def state(wf):
    ready = [t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.READY, manual=True)]
    timers = {}
    for t in wf.get_tasks(state=TaskState.WAITING):
        definition = getattr(t.task_spec, "event_definition", None)
        if isinstance(definition, timer_module.TimerEventDefinition):
            timers[t.task_spec.bpmn_id] = t._get_internal_data("event_value")
    return {"ready": ready, "timers": timers}


def complete(wf, task, outcome):
    task.data["outcome"] = outcome
    task.run()
    wf.do_engine_steps()


def main():
    path, scenario_path = sys.argv[1], sys.argv[2]
    with open(scenario_path, encoding="utf-8") as f:
        scenario = json.load(f)
    CLOCK[0] = datetime.fromisoformat(scenario.get("now", "2026-01-01T09:00:00+00:00"))
    parser = BpmnParser()
    parser.add_bpmn_file(path)
    process = parser.get_process_ids()[0]
    wf = BpmnWorkflow(parser.get_spec(process), parser.get_subprocess_specs(process))
    wf.get_tasks(spec_name="Start")[0].data.update(scenario.get("variables", {}))
    wf.do_engine_steps()
    wf.catch(BpmnEvent(MessageEventDefinition(scenario["message"]), {}))
    wf.do_engine_steps()
    records = [state(wf)]
    for action in scenario.get("actions", []):
        if "run" in action:
            for _ in range(200):
                ready = wf.get_tasks(state=TaskState.READY, manual=True)
                if not ready:
                    break
                task = ready[0]
                outcome = action["run"].get(task.task_spec.bpmn_id, action.get("default", "resolved"))
                complete(wf, task, outcome)
        elif "complete" in action:
            ready = [t for t in wf.get_tasks(state=TaskState.READY, manual=True)
                     if t.task_spec.bpmn_id == action["complete"]]
            if not ready:
                raise SystemExit(f"{action['complete']} is not ready")
            complete(wf, ready[0], action["outcome"])
        elif "clock" in action:
            CLOCK[0] = datetime.fromisoformat(action["clock"])
            wf.refresh_waiting_tasks()
            wf.do_engine_steps()
        records.append(state(wf))
    ends = [t.task_spec.bpmn_name or t.task_spec.bpmn_id for t in wf.get_tasks(state=TaskState.COMPLETED)
            if type(t.task_spec).__name__ == "EndEvent"]
    print(json.dumps({"completed": wf.is_completed(), "ends": ends, "states": records}, indent=1))


if __name__ == "__main__":
    main()
