// Facteur's export connectors on the page: make one of an installed kind (SFTP, HTTP, ...), fill
// its fields from the kind's own settings (its Metatype, as the web console shows it), test the
// connection, confirm what the test asks (an SSH host key), switch it on, see its exports, and
// export a period again. Uses what app.js shares in window.Facteur; data only ever goes into the
// page as textContent or attributes.
"use strict";
(function () {
  const F = window.Facteur;
  const $ = (id) => document.getElementById(id);
  const STATUSES = ["READY", "DUPLICATE", "SENT", "DELIVERED", "BOUNCED", "POSTED"];
  let kinds = [];
  let formats = [];
  // the connector in the form: {kind, schema, connector (null for a new one)}
  let open = null;
  let asked = 0;

  const kindLabel = (id) => {
    const k = kinds.find((c) => c.id === id);
    return k && k.label ? k.label : id;
  };
  const formatLabel = (id) => {
    const f = formats.find((x) => x.id === id);
    return f ? f.label : id;
  };
  const stateText = (s) => F.t("connector." + s);

  async function load() {
    const dossier = F.dossier();
    if (!dossier) return;
    const mine = ++asked;
    try {
      const [capabilities, offered, list] = await Promise.all([
        F.api("/capabilities"),
        F.api(F.inDossier("/connectors/formats")),
        F.api(F.inDossier("/connectors"))
      ]);
      if (mine !== asked) return;
      kinds = capabilities.filter((c) => c.kind === "EXPORT_CONNECTOR").map((c) => ({ id: c.id, label: c.label }));
      formats = offered;
      $("connector-kind").replaceChildren(...kinds.map((k) => F.option(k.id, k.label)));
      $("connector-new").disabled = kinds.length === 0;
      $("connectors").tBodies[0].replaceChildren(...list.map(row));
      $("connectors-empty").hidden = list.length > 0;
      $("connectors-section").hidden = false;
      // a link to a connector (#dossier=..&connector=..) opens it
      const linked = new URLSearchParams(location.hash.slice(1)).get("connector");
      const found = linked && !open ? list.find((k) => k.id === linked) : null;
      if (found) edit(found).catch(() => {});
    } catch (e) {
      // not an admin: connectors carry secrets, the section is for admins
      $("connectors-section").hidden = e.status === 403 || e.status === 401;
    }
  }

  function row(k) {
    const tr = F.el("tr");
    tr.append(F.el("td", k.name), F.el("td", k.kindLabel + (k.installed ? "" : " — " + F.t("notInstalled"))));
    const state = F.el("td");
    state.append(F.el("span", stateText(k.state), "status " + k.state));
    tr.append(state, F.el("td", formatLabel(k.format)));
    tr.append(F.el("td", k.lastTest ? (k.lastTest.success ? "✓ " : "✗ ") + F.when(k.lastTest.at) : ""));
    tr.addEventListener("click", () => edit(k).catch((e) => say(e.message, false)));
    return tr;
  }

  async function schemaOf(kind) {
    return F.api("/capabilities/" + encodeURIComponent(kind) + "/schema");
  }

  async function create() {
    const kind = $("connector-kind").value;
    if (!kind) return;
    open = { kind: kind, schema: await schemaOf(kind), connector: null };
    fill();
  }

  async function edit(k) {
    open = { kind: k.kind, schema: k.installed ? await schemaOf(k.kind) : null, connector: k };
    fill();
  }

  // the form: common fields, then one field per attribute of the kind's Metatype
  function fill() {
    const k = open.connector;
    clearErrors();
    say("", null);
    $("connector-confirm").hidden = true;
    $("connector-title").textContent = k ? F.tf("editConnector", k.name) : F.tf("newConnectorOf", kindLabel(open.kind));
    $("connector-state").textContent = stateText(k ? k.state : "DRAFT");
    $("connector-state").className = "status " + (k ? k.state : "DRAFT");
    $("connector-config").textContent = k && k.configuration ? F.tf("configurationIs", k.configuration) : "";
    $("k-name").value = k ? k.name : kindLabel(open.kind);
    $("k-documents").value = k ? k.documents : "ALL";
    const chosen = new Set(k ? k.statuses : ["READY"]);
    $("k-statuses").replaceChildren(...STATUSES.map((s) => {
      const label = F.el("label");
      const box = F.el("input");
      box.type = "checkbox";
      box.value = s;
      box.checked = chosen.has(s);
      label.append(box, F.el("span", F.t(s)));
      return label;
    }), errorPlace("statuses"));
    $("k-format").replaceChildren(...formats.map((f) => F.option(f.id, f.label)));
    if (k && !formats.some((f) => f.id === k.format)) $("k-format").append(F.option(k.format, k.format));
    $("k-format").value = k ? k.format : "original";
    const settings = $("connector-settings");
    settings.replaceChildren();
    if (!open.schema) {
      settings.append(F.el("p", F.t("kindNotInstalled"), "reason"));
    } else {
      open.schema.attributes.filter((a) => a.id !== "dossier" && a.id !== "connector").forEach((a) => settings.append(...field(a, k)));
    }
    const saved = !!k;
    $("connector-test").disabled = !saved || !open.schema;
    $("connector-activate").hidden = !saved || k.state === "ACTIVE";
    $("connector-activate").disabled = !saved || (k.state !== "TESTED" && k.state !== "DISABLED");
    $("connector-disable").hidden = !saved || k.state !== "ACTIVE";
    $("connector-delete").hidden = !saved;
    $("connector-more").hidden = !saved;
    $("connector-form").hidden = false;
    if (saved) loadExports(k);
    if (saved && k.lastTest) showTest(k.lastTest);
    $("connector-form").scrollIntoView({ block: "nearest" });
  }

  function errorPlace(attribute) {
    const e = F.el("span", null, "field-error");
    e.dataset.for = attribute;
    return e;
  }

  function field(a, k) {
    const id = "ks-" + a.id;
    const label = F.el("label", a.label + (a.required ? " *" : ""));
    label.htmlFor = id;
    const box = F.el("div");
    let input;
    if (a.options && a.options.length) {
      input = F.el("select");
      a.options.forEach((o) => input.append(F.option(o.value, o.label)));
    } else if (a.type === "BOOLEAN") {
      input = F.el("input");
      input.type = "checkbox";
    } else if (a.secret && /key|certificate/i.test(a.id)) {
      input = F.el("textarea");
    } else {
      input = F.el("input");
      input.type = a.secret ? "password" : /INTEGER|LONG|SHORT|DOUBLE|FLOAT/.test(a.type) ? "number" : "text";
      if (a.secret) input.autocomplete = "new-password";
    }
    if (!a.secret && /ca$|certificate|pem/i.test(a.id) && input.tagName === "INPUT" && input.type === "text") {
      input = F.el("textarea");
    }
    input.id = id;
    input.dataset.attribute = a.id;
    input.dataset.type = a.type;
    input.dataset.multiple = a.multiple ? "1" : "";
    const value = k && k.settings ? k.settings[a.id] : undefined;
    const fallback = a.defaults && a.defaults.length ? (a.multiple ? a.defaults : a.defaults[0]) : "";
    const shown = value !== undefined ? value : fallback;
    if (input.type === "checkbox") input.checked = String(shown) === "true";
    else if (a.secret) input.placeholder = k && k.secretsSet.includes(a.id) ? F.t("secretKept") : "";
    else input.value = Array.isArray(shown) ? shown.join("\n") : shown;
    if (a.multiple && input.tagName === "INPUT") {
      const area = F.el("textarea");
      area.id = id;
      Object.assign(area.dataset, input.dataset);
      area.value = input.value;
      area.placeholder = F.t("onePerLine");
      input = area;
    }
    box.append(input, errorPlace("settings." + a.id));
    if (a.description) box.append(F.el("span", a.description, "description"));
    return [label, box];
  }

  function input() {
    const settings = {};
    document.querySelectorAll("#connector-settings [data-attribute]").forEach((e) => {
      const a = e.dataset.attribute;
      if (e.type === "checkbox") { settings[a] = e.checked; return; }
      const v = e.value;
      if (e.dataset.multiple) { settings[a] = v.split(/\n/).map((s) => s.trim()).filter((s) => s); return; }
      if (v === "") return; // left out: a default applies, a secret keeps its value
      settings[a] = /INTEGER|LONG|SHORT/.test(e.dataset.type) && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v;
    });
    const body = {
      name: $("k-name").value.trim(),
      documents: $("k-documents").value,
      statuses: [...document.querySelectorAll("#k-statuses input:checked")].map((b) => b.value),
      format: $("k-format").value
    };
    if (open.schema) body.settings = settings;
    if (!open.connector) body.kind = open.kind;
    return body;
  }

  function clearErrors() {
    document.querySelectorAll("#connector-form .field-error").forEach((e) => { e.textContent = ""; });
    document.querySelectorAll("#connector-form [aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
  }

  function showErrors(errors) {
    const elsewhere = [];
    errors.forEach((f) => {
      const place = [...document.querySelectorAll("#connector-form .field-error")].find((e) => e.dataset.for === f.attribute);
      if (!place) { elsewhere.push(f.attribute + ": " + f.message); return; }
      place.textContent = (place.textContent ? place.textContent + "; " : "") + f.message;
      const field = place.parentElement.querySelector("[data-attribute], input, select, textarea");
      if (field) field.setAttribute("aria-invalid", "true");
    });
    return elsewhere;
  }

  function say(text, ok) {
    const o = $("connector-outcome");
    o.textContent = text;
    o.className = "outcome" + (ok === true ? " ACCEPTED" : ok === false ? " REJECTED" : "");
  }

  async function save(event) {
    if (event) event.preventDefault();
    clearErrors();
    say("", null);
    $("connector-save").disabled = true;
    try {
      const body = input();
      const saved = open.connector
        ? await F.api(F.inDossier("/connectors/" + encodeURIComponent(open.connector.id)), F.json("PUT", body))
        : await F.api(F.inDossier("/connectors"), F.json("POST", body));
      open.connector = saved;
      fill();
      say(saved.state === "DRAFT" ? F.t("savedNeedsTest") : F.t("saved"), true);
      load();
      return saved;
    } catch (e) {
      if (e.status === 400 && e.problem && Array.isArray(e.problem.errors)) {
        const elsewhere = showErrors(e.problem.errors);
        say(F.t("invalidConnector") + (elsewhere.length ? " " + elsewhere.join("; ") : ""), false);
      } else {
        say(F.t("saveFailed") + ": " + e.message, false);
      }
      return null;
    } finally {
      $("connector-save").disabled = false;
    }
  }

  function showTest(test) {
    say((test.success ? "✓ " : "✗ ") + test.message, test.success);
    const confirm = test.confirm || {};
    const keys = Object.keys(confirm);
    $("connector-confirm").hidden = keys.length === 0 || test.success;
    if (keys.length) {
      const button = $("connector-confirm-button");
      button.textContent = F.tf("confirmSettings", keys.map((k) => k + " = " + confirm[k]).join(", "));
      button.onclick = () => confirmAndTest(confirm);
    }
  }

  async function test() {
    const k = open.connector;
    $("connector-test").disabled = true;
    say(F.t("testing"), null);
    try {
      const r = await F.api(F.inDossier("/connectors/" + encodeURIComponent(k.id) + "/test"), { method: "POST" });
      open.connector = r.connector;
      fill();
      showTest(r);
      load();
    } catch (e) {
      say(F.t("testFailed") + ": " + e.message, false);
    } finally {
      $("connector-test").disabled = false;
    }
  }

  // the admin trusts what the test showed (a host key): stored as settings, then tested again
  async function confirmAndTest(confirm) {
    const body = { settings: Object.assign({}, open.connector.settings, confirm) };
    try {
      open.connector = await F.api(F.inDossier("/connectors/" + encodeURIComponent(open.connector.id)), F.json("PUT", body));
      await test();
    } catch (e) {
      say(F.t("saveFailed") + ": " + e.message, false);
    }
  }

  async function switchTo(state) {
    try {
      open.connector = await F.api(F.inDossier("/connectors/" + encodeURIComponent(open.connector.id)), F.json("PUT", { state: state }));
      fill();
      say(stateText(open.connector.state), true);
      load();
    } catch (e) {
      say(e.message, false);
    }
  }

  async function remove() {
    if (!window.confirm(F.tf("deleteConnector", open.connector.name))) return;
    try {
      await F.api(F.inDossier("/connectors/" + encodeURIComponent(open.connector.id)), { method: "DELETE" });
      close();
      load();
    } catch (e) {
      say(e.message, false);
    }
  }

  async function loadExports(k) {
    try {
      const list = await F.api(F.inDossier("/connectors/" + encodeURIComponent(k.id) + "/exports?limit=20"));
      $("exports").tBodies[0].replaceChildren(...list.map((x) => {
        const tr = F.el("tr");
        const state = F.el("td");
        state.append(F.el("span", F.has("export." + x.state) ? F.t("export." + x.state) : x.state, "status " + x.state));
        tr.append(F.el("td", F.when(x.updatedAt)), state, F.el("td", x.format ? formatLabel(x.format) : ""),
          F.el("td", String(x.attempts)), F.el("td", x.detail || ""));
        return tr;
      }));
      $("no-exports").hidden = list.length > 0;
    } catch (e) {
      $("no-exports").hidden = false;
    }
  }

  async function replay() {
    const o = $("replay-outcome");
    o.textContent = "";
    try {
      const r = await F.api(F.inDossier("/connectors/" + encodeURIComponent(open.connector.id) + "/replay"),
        F.json("POST", { from: $("k-from").value, to: $("k-to").value }));
      o.textContent = F.tf("replayed", r.queued, r.skipped);
      o.className = "outcome ACCEPTED";
      setTimeout(() => loadExports(open.connector), 1500);
    } catch (e) {
      o.textContent = e.problem && e.problem.errors ? e.problem.errors.map((f) => f.message).join("; ") : e.message;
      o.className = "outcome REJECTED";
    }
  }

  function close() {
    $("connector-form").hidden = true;
    open = null;
  }

  $("connector-new").addEventListener("click", () => create().catch((e) => say(e.message, false)));
  $("connector-form").addEventListener("submit", save);
  $("connector-test").addEventListener("click", test);
  $("connector-activate").addEventListener("click", () => switchTo("ACTIVE"));
  $("connector-disable").addEventListener("click", () => switchTo("DISABLED"));
  $("connector-delete").addEventListener("click", remove);
  $("connector-close").addEventListener("click", close);
  $("connector-replay").addEventListener("click", replay);
  document.addEventListener("facteur:dossier", () => { close(); load(); });
  document.addEventListener("facteur:language", () => {
    load();
    if (open && open.connector) edit(open.connector).catch(() => {});
  });
})();
