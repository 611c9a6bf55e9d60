#!/usr/bin/env bash
# Checks docker/k8s/pathlight.yaml without a cluster:
#   1. every object against the Kubernetes API's JSON schemas (npm kubernetes-models);
#   2. no unknown field anywhere (TypeScript's excess-property check against the same models);
#   3. that the objects fit together: selectors, ports, probe paths, the ConfigMap and Secret
#      named by envFrom, and every PATHLIGHT_ key known to config/pathlight.env.example.
# It installs what it needs: Node.js from Debian if missing, the npm packages into a cache folder
# (PATHLIGHT_K8S_TOOLS, default ~/.cache/pathlight-k8s-validate).
#
#   docker/k8s/validate.sh [manifest.yaml]     exit 0 valid, 1 invalid, 2 could not check
#   docker/k8s/validate.sh --self-test         also proves that broken copies are refused
#
# Against a real cluster, `kubectl apply --dry-run=server -f docker/k8s/pathlight.yaml` checks
# what only the server knows (admission policies, quotas).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
env_example="$repo/config/pathlight.env.example"
tools=${PATHLIGHT_K8S_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/pathlight-k8s-validate}
packages="kubernetes-models@5.1.0 yaml@2.9.1 typescript@5.9.3"

self_test=false
manifest="$here/pathlight.yaml"
case "${1:-}" in
  --self-test) self_test=true ;;
  "") ;;
  *) manifest=$1 ;;
esac

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "validate: installing Node.js and npm from Debian" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq nodejs npm >/dev/null || exit 2
  else
    echo "validate: needs node and npm (apt-get install nodejs npm)" >&2
    exit 2
  fi
fi

mkdir -p "$tools"
if [ "$(cat "$tools/.installed" 2>/dev/null)" != "$packages" ]; then
  echo "validate: installing $packages into $tools" >&2
  (
    cd "$tools"
    [ -f package.json ] || printf '{"name":"pathlight-k8s-validate","private":true}\n' > package.json
    # shellcheck disable=SC2086
    npm install --no-audit --no-fund --loglevel=error $packages >/dev/null
  ) || { echo "validate: npm install failed" >&2; exit 2; }
  echo "$packages" > "$tools/.installed"
fi

# The checker lives beside its packages so that Node finds them; written afresh on every run.
cat > "$tools/check.mjs" <<'NODE'
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const [file, envExample] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const problems = [];
const objects = [];

for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
  for (const e of doc.errors) problems.push(`YAML: ${e.message}`);
  const o = doc.toJS();
  if (o != null) objects.push(o);
}
const label = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;

// 1. the schemas
for (const o of objects) {
  if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") {
    problems.push(`${label(o)}: needs apiVersion and kind`);
    continue;
  }
  let Model;
  try {
    Model = (await import(`kubernetes-models/${o.apiVersion}/${o.kind}`))[o.kind];
  } catch {
    problems.push(`${label(o)}: unknown apiVersion/kind ${o.apiVersion} ${o.kind}`);
    continue;
  }
  try {
    new Model(o).validate();
  } catch (e) {
    problems.push(`${label(o)}: ${e.message}`);
  }
}

// 2. unknown fields: each object as a typed literal, compiled with tsc
{
  const dir = mkdtempSync(join(here, "scratch-")); // beside node_modules, so imports resolve
  const typed = objects.filter((o) => typeof o.apiVersion === "string" && typeof o.kind === "string");
  let source = typed
    .map((o, i) => `import type { I${o.kind} as T${i} } from "kubernetes-models/${o.apiVersion}/${o.kind}";\n`)
    .join("");
  const starts = []; // [first line, object]
  typed.forEach((o, i) => {
    starts.push([source.split("\n").length, label(o)]);
    source += `export const o${i}: T${i} = ${JSON.stringify(o, null, 2)};\n`;
  });
  writeFileSync(join(dir, "check.mts"), source);
  try {
    execFileSync(
      process.execPath,
      [join(here, "node_modules/typescript/bin/tsc"), "--noEmit", "--strict", "--skipLibCheck",
       "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022",
       join(dir, "check.mts")],
      { cwd: here, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || String(e);
    for (const line of out.split("\n")) {
      const m = /check\.mts\((\d+),\d+\): (.*)/.exec(line);
      if (!m) { if (line.trim()) problems.push(`types: ${line.trim()}`); continue; }
      const owner = starts.filter(([first]) => first <= Number(m[1])).pop();
      problems.push(`${owner ? owner[1] : "?"}: ${m[2]}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 3. how the objects fit together
const byKind = (k) => objects.filter((o) => o?.kind === k);
const names = (k) => new Set(byKind(k).map((o) => o.metadata?.name));
const matches = (selector, labels) =>
  Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const deployments = byKind("Deployment");
if (deployments.length === 0) problems.push("no Deployment");
const known = new Set(
  readFileSync(envExample, "utf8").split("\n")
    .map((l) => /^#?\s*(PATHLIGHT_[A-Z0-9_]+)=/.exec(l)?.[1]).filter(Boolean));
const healthPaths = new Set(["/health/ready", "/health/live"]);

for (const d of deployments) {
  const pod = d.spec?.template;
  const podLabels = pod?.metadata?.labels ?? {};
  if (!matches(d.spec?.selector?.matchLabels, podLabels))
    problems.push(`${label(d)}: spec.selector does not match the pod template's labels`);
  for (const c of pod?.spec?.containers ?? []) {
    const ports = c.ports ?? [];
    const portOk = (p) => ports.some((q) => q.name === p || q.containerPort === p);
    for (const probe of ["startupProbe", "readinessProbe", "livenessProbe"]) {
      const get = c[probe]?.httpGet;
      if (!get) continue;
      if (!portOk(get.port)) problems.push(`${label(d)}: ${probe} port ${get.port} is no container port`);
      if (!healthPaths.has(get.path)) problems.push(`${label(d)}: ${probe} path ${get.path} is not a Pathlight health path`);
    }
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef && !names("ConfigMap").has(from.configMapRef.name))
        problems.push(`${label(d)}: envFrom names ConfigMap ${from.configMapRef.name}, not in the file`);
      if (from.secretRef && !names("Secret").has(from.secretRef.name))
        problems.push(`${label(d)}: envFrom names Secret ${from.secretRef.name}, not in the file`);
    }
    for (const e of c.env ?? []) {
      if (e.name.startsWith("PATHLIGHT_") && !known.has(e.name))
        problems.push(`${label(d)}: ${e.name} is not a setting in config/pathlight.env.example`);
    }
  }
  for (const s of byKind("Service")) {
    if (!matches(s.spec?.selector, podLabels)) continue;
    for (const p of s.spec?.ports ?? []) {
      const target = p.targetPort ?? p.port;
      const ok = (pod?.spec?.containers ?? []).some((c) =>
        (c.ports ?? []).some((q) => q.name === target || q.containerPort === target));
      if (!ok) problems.push(`${label(s)}: targetPort ${target} is no port of ${label(d)}`);
    }
  }
}
for (const s of byKind("Service")) {
  if (!deployments.some((d) => matches(s.spec?.selector, d.spec?.template?.metadata?.labels)))
    problems.push(`${label(s)}: its selector matches no Deployment's pods`);
}
for (const p of byKind("PodDisruptionBudget")) {
  if (!deployments.some((d) => matches(p.spec?.selector?.matchLabels, d.spec?.template?.metadata?.labels)))
    problems.push(`${label(p)}: its selector matches no Deployment's pods`);
}
for (const o of [...byKind("ConfigMap"), ...byKind("Secret")]) {
  for (const key of [...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})]) {
    if (key.startsWith("PATHLIGHT_") && !known.has(key))
      problems.push(`${label(o)}: ${key} is not a setting in config/pathlight.env.example`);
  }
}

if (problems.length) {
  console.log(`${file}: INVALID`);
  for (const p of problems) console.log(`  - ${p}`);
  process.exit(1);
}
console.log(`${file}: valid (${objects.map(label).join(", ")})`);
NODE

check() { node "$tools/check.mjs" "$1" "$env_example"; }

if ! $self_test; then
  check "$manifest"
  exit $?
fi

# --self-test: the manifest passes, and each broken copy is refused.
check "$here/pathlight.yaml"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
refuse() {
  local what=$1 from=$2 to=$3
  sed "s#$from#$to#" "$here/pathlight.yaml" > "$scratch/broken.yaml"
  if cmp -s "$here/pathlight.yaml" "$scratch/broken.yaml"; then
    echo "self-test: '$what' changed nothing"; failures=$((failures + 1)); return
  fi
  if check "$scratch/broken.yaml" > "$scratch/out" 2>&1; then
    echo "self-test: FAILED, accepted: $what"; failures=$((failures + 1))
  else
    echo "self-test: refused as it should be: $what ($(grep -m1 '  - ' "$scratch/out" | cut -c5-))"
  fi
}
refuse "a string replica count" "replicas: 2" "replicas: two"
refuse "an unknown field" "terminationGracePeriodSeconds: 30" "terminationGracePeriod: 30"
refuse "an unquoted boolean in the ConfigMap" 'PATHLIGHT_HTTP_TRUST_FORWARDED: "true"' "PATHLIGHT_HTTP_TRUST_FORWARDED: true"
refuse "a misspelt setting" "PATHLIGHT_HTTP_TRUST_FORWARDED:" "PATHLIGHT_HTTP_TRUST_FORWARD:"
refuse "a probe on a missing port" "port: http$" "port: web"
refuse "a wrong health path" "path: /health/ready" "path: /ready"
refuse "a Service port that no container has" "targetPort: http" "targetPort: web"
[ "$failures" = 0 ] || exit 1
echo "self-test: all broken copies refused"
