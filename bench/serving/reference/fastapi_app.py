"""FastAPI + scikit-learn reference of POST /api/v1/models/attrition/predict.

`python3 fastapi_app.py PORT SPEC_JSON LOG_DB` (uvicorn, one worker). SPEC_JSON (written by bench/serving/run.ts)
holds the training rows and labels, the input fields (type, enum, range, optional) and the API key. The app trains
the same pipeline as Atelier's (median imputer + scaler on numbers, most-frequent imputer + one-hot on categories,
LogisticRegression), checks the x-api-key header, validates the body with a pydantic model made from the fields
(one record or {"inputs": [records]}), predicts, and logs each prediction into SQLite, as a hand-written service
would.
"""
import json
import sqlite3
import sys
import threading
import time
import uuid
from typing import List, Literal, Optional, Union

import numpy as np
import uvicorn
from fastapi import FastAPI, Header, HTTPException, Request
from pydantic import BaseModel, confloat, conint, create_model
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

PORT, SPEC, LOG_DB = int(sys.argv[1]), sys.argv[2], sys.argv[3]
spec = json.load(open(SPEC))
fields = spec["fields"]
names = [f["name"] for f in fields]
numeric = [i for i, f in enumerate(fields) if f["type"] != "string"]
categorical = [i for i, f in enumerate(fields) if f["type"] == "string"]


def field_type(f):
    if f.get("enum"):
        t = Literal.__getitem__(tuple(f["enum"]))
    elif f["type"] == "integer":
        t = conint(strict=True, ge=f.get("minimum"), le=f.get("maximum"))
    elif f["type"] == "number":
        t = confloat(ge=f.get("minimum"), le=f.get("maximum"))
    else:
        t = str
    return (Optional[t], None) if f.get("optional") else (t, ...)


Record = create_model("Record", **{f["name"]: field_type(f) for f in fields})


class Batch(BaseModel):
    inputs: List[Record]


def matrix(rows):
    return np.array([[np.nan if r.get(n) is None else r[n] for n in names] for r in rows], dtype=object)


model = Pipeline(
    [
        (
            "prep",
            ColumnTransformer(
                [
                    ("num", Pipeline([("impute", SimpleImputer(strategy="median")), ("scale", StandardScaler())]), numeric),
                    (
                        "cat",
                        Pipeline(
                            [
                                ("impute", SimpleImputer(strategy="most_frequent")),
                                ("onehot", OneHotEncoder(handle_unknown="ignore")),
                            ]
                        ),
                        categorical,
                    ),
                ]
            ),
        ),
        ("clf", LogisticRegression(max_iter=200)),
    ]
).fit(matrix(spec["train"]), spec["labels"])
classes = [c.item() if hasattr(c, "item") else c for c in model.classes_]

# Sync routes run in uvicorn's thread pool: one connection, one writer at a time.
log = sqlite3.connect(LOG_DB, check_same_thread=False)
log_lock = threading.Lock()
log.execute("pragma journal_mode=wal")
log.execute("pragma synchronous=normal")
log.execute(
    "create table if not exists prediction_log (id integer primary key, request_id text, item_index integer,"
    " model_name text, inputs text, prediction text, probabilities text, latency_ms real, ts integer)"
)

app = FastAPI()


@app.post("/api/v1/models/attrition/predict")
def predict(body: Union[Batch, Record], x_api_key: Optional[str] = Header(None)):
    if x_api_key != spec["apiKey"]:
        raise HTTPException(status_code=401, detail="bad API key")
    start = time.perf_counter()
    records = [r.dict() for r in (body.inputs if isinstance(body, Batch) else [body])]
    proba = model.predict_proba(matrix(records))
    predictions = [classes[i] for i in proba.argmax(axis=1)]
    request_id = str(uuid.uuid4())
    latency = (time.perf_counter() - start) * 1000
    now = int(time.time() * 1000)
    rows = [
        (request_id, i, "attrition", json.dumps(r), json.dumps(p), json.dumps(pr), latency, now)
        for i, (r, p, pr) in enumerate(zip(records, predictions, proba.tolist()))
    ]
    with log_lock:
        log.executemany(
            "insert into prediction_log (request_id, item_index, model_name, inputs, prediction, probabilities,"
            " latency_ms, ts) values (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        log.commit()
    return {
        "predictions": predictions,
        "probabilities": proba.tolist(),
        "classes": classes,
        "model": {"name": "attrition", "version": 1, "alias": "production"},
        "requestId": request_id,
    }


@app.get("/health")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=PORT, log_level="error", access_log=False)
