"""Flask reference: `python flask_app.py PORT DBPATH` (Flask's own threaded server, as the course runs it)."""
import sys

from flask import Flask, jsonify, request

from reference_sales import Store

app = Flask(__name__)
store = Store(sys.argv[2])


@app.post("/post_sales")
@app.post("/post_sales/")
def post_sales():
    return jsonify(store.post(request.get_json()))


@app.get("/get_raw_sales")
@app.get("/get_raw_sales/")
def get_raw_sales():
    return jsonify(store.raw())


@app.get("/get_monthly_sales")
@app.get("/get_monthly_sales/")
def get_monthly_sales():
    return jsonify(store.monthly(request.args.get("remove_outliers", "false").lower() in ("true", "1")))


@app.route("/init_database", methods=["GET", "POST"])
def init_database():
    store.init()
    return jsonify({"status": "success"})


if __name__ == "__main__":
    import logging

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app.run(host="127.0.0.1", port=int(sys.argv[1]), threaded=True)
