"""Evaluates a Pass state's JSONata at run time, with jsonata-python (pip: jsonata-python)."""
import json

import jsonata


def _evaluate(value, bindings):
    if isinstance(value, str) and value.startswith("{%") and value.endswith("%}"):
        expression = jsonata.Jsonata(value[2:-2].strip())
        for name, bound in bindings.items():
            expression.assign(name, bound)
        return expression.evaluate(None)
    if isinstance(value, dict):
        return {key: _evaluate(item, bindings) for key, item in value.items()}
    if isinstance(value, list):
        return [_evaluate(item, bindings) for item in value]
    return value


def evaluate_state(fields, state_input, variables, run_id, **context):
    """Returns {"output": ..., "assign": {...}} as the Pass state computes them."""
    fields = json.loads(fields)
    state = json.loads(state_input)
    dag_run = context.get("dag_run")
    started = dag_run.start_date.isoformat() if dag_run is not None and getattr(dag_run, "start_date", None) else None
    bindings = {name: json.loads(value) for name, value in variables.items()}
    bindings["states"] = {"input": state, "context": {"Execution": {"Id": run_id, "Name": run_id, "StartTime": started, "Input": state}}}
    out = {}
    if "Output" in fields:
        out["output"] = _evaluate(fields["Output"], bindings)
    if "Assign" in fields:
        out["assign"] = {key: _evaluate(value, bindings) for key, value in fields["Assign"].items()}
    return out
