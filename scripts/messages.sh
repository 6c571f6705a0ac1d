#!/usr/bin/env bash
# Extract, merge and compile the translation catalogs under locale/ (`make messages`).
#
# The project's own strings are written in Vietnamese (the source language):
#   locale/vi/LC_MESSAGES/django.po  msgstr = msgid, filled in here;
#   locale/en/LC_MESSAGES/django.po  translated by hand (new or changed strings stay
#                                    untranslated or fuzzy until someone translates them).
# locale/overrides/<lang>.po holds the catalog header and fixes for Oscar's and Django's
# own (English-msgid) strings; it is merged over django.po and wins.
# The compiled .mo files are committed, so a checkout needs no gettext to run.
#
# Running it twice changes nothing. Needs GNU gettext (xgettext, msgmerge, msgattrib, msgen,
# msgcat, msgfmt). --check: exit 1 when an entry is left untranslated or fuzzy (for CI).
set -euo pipefail

cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-marketplace.settings.local}
LANGS=(vi en)
CHECK=0
[[ ${1:-} == --check ]] && CHECK=1

for tool in msgfmt msgcat msgattrib msgen xgettext msgmerge; do
    command -v "$tool" >/dev/null || { echo "messages.sh: $tool not found (install gettext)" >&2; exit 1; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
site_packages=$("$PY" -c 'import django, pathlib; print(pathlib.Path(django.__file__).parent.parent)')

# All Vietnamese catalogs the installed packages ship for a domain, as one compendium.
upstream_vi() {
    local out=$tmp/upstream-vi-$1.po
    if [[ ! -f $out ]]; then
        find "$site_packages" -path "*/locale/vi/LC_MESSAGES/$1.po" -print0 | sort -z \
            | xargs -0 -r msgcat --use-first -o "$out"
        [[ -f $out ]] || printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n' > "$out"
    fi
    echo "$out"
}

# 1. Extract. ocop.js has no user-facing strings; a djangojs catalog is made once some
#    script under themes/static/js calls gettext().
"$PY" manage.py makemessages -l vi -l en --no-location --no-obsolete \
    --ignore='.venv/*' --ignore='tests/*' --ignore='var/*'
domains=(django)
if grep -rqE '\b(n|p|np)?gettext\(' themes/static/js 2>/dev/null; then
    "$PY" manage.py makemessages -d djangojs -l vi -l en --no-location --no-obsolete \
        --ignore='.venv/*' --ignore='tests/*' --ignore='var/*' --ignore='node_modules/*'
    domains+=(djangojs)
fi

for domain in "${domains[@]}"; do
    for lang in "${LANGS[@]}"; do
        po=locale/$lang/LC_MESSAGES/$domain.po
        # A catalog makemessages has just created has a fuzzy header: unmark it.
        sed -i '0,/^msgid ""$/{/^#, fuzzy$/d}' "$po"
        if [[ $lang == vi ]]; then
            # Vietnamese is the source language: every entry translates to its msgid.
            # Empty msgmerge's fuzzy guesses, let msgen copy msgid into every empty
            # msgstr (it only fills a plural entry that has two slots), then keep the
            # one plural slot Vietnamese has.
            msgattrib --clear-fuzzy --empty --clear-previous "$po" -o "$po"
            # An English msgid in our own sources (say a template copied from Oscar) must
            # not shadow Oscar's or Django's translation: take theirs.
            msgmerge -q --no-fuzzy-matching --compendium="$(upstream_vi "$domain")" "$po" "$po" -o "$po"
            awk '
                pending { if ($0 !~ /^"/ && $0 !~ /^msgstr\[1\]/) print "msgstr[1] \"\""; pending = 0 }
                { print }
                $0 == "msgstr[0] \"\"" { pending = 1 }
                END { if (pending) print "msgstr[1] \"\"" }
            ' "$po" > "$po.tmp" && mv "$po.tmp" "$po"
            msgen "$po" -o "$po"
            awk '
                /^msgstr\[[1-9][0-9]*\]/ { skip = 1; next }
                skip && /^"/ { next }
                { skip = 0; print }
            ' "$po" > "$po.tmp" && mv "$po.tmp" "$po"
        fi
        # 2. Merge the overrides (header, Oscar/Django strings) over the catalog; other
        #    domains take the header only (a fixed header also keeps reruns byte-identical).
        overrides=locale/overrides/$lang.po
        if [[ $domain != django ]]; then
            awk '/^$/ { exit } { print }' "$overrides" > "$tmp/header-$lang.po"
            overrides=$tmp/header-$lang.po
        fi
        msgcat --use-first "$overrides" "$po" -o "$po"
        # 3. Compile.
        msgfmt --check -o "${po%.po}.mo" "$po"
    done
done

# Report what is left for a translator.
status=0
for domain in "${domains[@]}"; do
    for lang in "${LANGS[@]}"; do
        po=locale/$lang/LC_MESSAGES/$domain.po
        printf '%s: ' "$po"
        msgfmt --statistics -o /dev/null "$po" 2>&1
        fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
        untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
        # msgattrib prints the header too when anything is left.
        if (( fuzzy > 1 || untranslated > 1 )); then
            echo "  -> translate the fuzzy/untranslated entries in $po" >&2
            status=1
        fi
    done
done
if (( CHECK && status )); then
    exit 1
fi
