# Quick start: `make run` (site with demo content) and `make test` (test suite).
# `make run PORT=8803` (or HOST=0.0.0.0) serves elsewhere; links follow the address served.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-browser lighthouse bench bench-http bench-upload bench-scaling lint format check-deploy venv clean

venv:
	@bin/bootstrap

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo ""
	@echo "Trang công khai: http://$(HOST):$(PORT)/"
	@echo "Toà soạn (quản trị): http://$(HOST):$(PORT)/admin/ — đăng nhập bằng các tài khoản in ở trên."
	@echo "Tiến trình nền (db_worker) và bộ hẹn giờ (run_periodic) chạy cùng; Ctrl-C dừng tất cả."
	@echo ""
	@PY=$(PY) HOST=$(HOST) PORT=$(PORT) bin/devserver

test: venv
	$(PY) -m pytest

test-browser: venv
	$(PY) -m pytest -m browser tests/browser

# Lighthouse (mobile) over the public pages of a throw-away demo site served as production
# serves it (nginx + gunicorn); fails under 95 (the search page's SEO excepted: noindex).
lighthouse: venv
	RUNS=$${RUNS:-3} bin/lighthouse-site $${LIGHTHOUSE_PORT:-8871}

# Benchmarks (tests/bench/): BENCH_SIZE=smoke|1k|10k|100k, or several comma-separated;
# full size (100k) by default. PostgreSQL when DATABASE_URL is set, else SQLite.
bench: venv
	$(PY) -m pytest -m bench tests/bench -s

bench-http: venv
	$(PY) -m pytest -m bench tests/bench/test_bench_http.py -s

bench-upload: venv
	$(PY) -m pytest -m bench tests/bench/test_bench_upload.py -s

bench-scaling: venv
	BENCH_SIZE=$${BENCH_SIZE:-1k,10k,100k} $(PY) -m pytest -m bench tests/bench -s

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: venv
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

check-deploy: venv
	DJANGO_SETTINGS_MODULE=newsroom.settings.production \
	SECRET_KEY=$${SECRET_KEY:-check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -d '/+=')} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-tin.example.vn} \
	REDIS_URL=$${REDIS_URL:-redis://127.0.0.1:6379/0} \
	$(PY) manage.py check --deploy --fail-level WARNING

clean:
	rm -rf .venv staticfiles .pytest_cache .ruff_cache
