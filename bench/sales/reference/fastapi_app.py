"""FastAPI reference: `python fastapi_app.py PORT DBPATH` (uvicorn, one worker)."""
import sys

import uvicorn
from fastapi import FastAPI, Request

from reference_sales import Store

app = FastAPI()
store = Store(sys.argv[2])


@app.post("/post_sales")
async def post_sales(request: Request):
    return store.post(await request.json())


@app.get("/get_raw_sales")
def get_raw_sales():
    return store.raw()


@app.get("/get_monthly_sales")
def get_monthly_sales(remove_outliers: str = "false"):
    return store.monthly(remove_outliers.lower() in ("true", "1"))


@app.api_route("/init_database", methods=["GET", "POST"])
def init_database():
    store.init()
    return {"status": "success"}


if __name__ == "__main__":
    uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="error", access_log=False)
