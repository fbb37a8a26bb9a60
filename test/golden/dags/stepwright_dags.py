"""Loads the Apache Airflow DAGs stepwright generated (dag-factory YAML files in this folder).

MWAA parses this file because it names both "airflow" and "dag": Airflow's DAG discovery safe mode
(core.dag_discovery_safe_mode, on by default) skips Python files that do not.
"""
import sys
from pathlib import Path

from dagfactory import load_yaml_dags

DAGS_FOLDER = Path(__file__).resolve().parent
# The helper package (Choice branches, Map items) must import wherever the folder is deployed.
if str(DAGS_FOLDER) not in sys.path:
    sys.path.insert(0, str(DAGS_FOLDER))

load_yaml_dags(globals_dict=globals(), dags_folder=str(DAGS_FOLDER))
