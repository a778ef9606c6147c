#!/usr/bin/env bash
# System packages the tests need, from Debian: Chromium (browser tests), CJK fonts (readable screenshots),
# PostgreSQL 15 server binaries (the server suite runs against PostgreSQL too), LibreOffice Writer and poppler (Word
# files are rendered to PDF and read back), Caddy and nginx (the reverse-proxy deployment is tested), NSS tools.
# Idempotent; needs root.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v caddy >/dev/null 2>&1 || need+=(caddy)
command -v nginx >/dev/null 2>&1 || need+=(nginx)
command -v certutil >/dev/null 2>&1 || need+=(libnss3-tools)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing system packages: ${need[*]} (run as root to install)" >&2; exit 1; fi
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi
