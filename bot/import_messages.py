"""A refused catalogue import in the owner's language: the file's readers, the validation and the
import plan word their reasons in French (`bot.spreadsheets`, `bot.validation`,
`bot.catalog_file`, `bot.products_import`); the command line (its locale) and the back office (its
language switch) show them in English when that is the owner's language, as
`bot.settings_messages` does for the settings."""

from __future__ import annotations

import re

from bot.errors import ImportFailed, ImportProblem, quoted_value

__all__ = ["import_problems", "import_reason", "problem_line"]

_LABELS = {
    "la référence": "the SKU",
    "le nom": "the name",
    "les alias": "the aliases",
    "l'unité": "the unit",
    "la quantité": "the quantity",
    "le seuil": "the threshold",
    "la quantité à commander": "the reorder quantity",
    "l'unité en anglais": "the English unit",
}
_EXPECTED = [
    (r"un nombre entier non nul de (\S+) à (.+?)", r"a non-zero whole number from \1 to \2"),
    (r"un nombre entier de (\S+) à (.+?)", r"a whole number from \1 to \2"),
]

# (French pattern, English replacement), one per reason worded by the import's modules. Each
# matches a whole reason; the first that matches translates it.
_ENGLISH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        # bot.spreadsheets
        (
            r"le fichier est vide : .*",
            "the file is empty: choose the catalogue's (a header line Name, Quantity, "
            "Threshold… then one product per line)",
        ),
        (
            r"c'est un classeur LibreOffice \(\.ods\) : .*",
            "this is a LibreOffice workbook (.ods): in LibreOffice, « Save as » Excel (.xlsx) "
            "or CSV",
        ),
        (
            r"classeur Excel ancien format \(\.xls\) : .*",
            "old Excel workbook format (.xls): save it as .xlsx or CSV",
        ),
        (r"c'est un PDF : .*", "this is a PDF: export the table as .xlsx or CSV"),
        (
            r"c'est une page web \(HTML\) ou du XML.*",
            "this is a web page (HTML) or XML, not a table: open it in Excel then « Save as » "
            "« Excel Workbook (.xlsx) », or save it as CSV",
        ),
        (
            r"ce fichier porte l'extension (\S+) mais n'est pas un vrai classeur Excel.*",
            r"this file has the \1 extension but is not a real Excel workbook: it is text (a "
            r"renamed CSV?). Open it in Excel and save it as « Excel Workbook (.xlsx) », or "
            r"rename it to .csv",
        ),
        (
            r"--sheet ne s'applique qu'à un classeur \.xlsx",
            "--sheet applies to .xlsx workbooks only",
        ),
        (
            r"ce fichier n'est ni un CSV ni un classeur Excel.*",
            "this file is neither a CSV nor an Excel workbook (.xlsx): save the table as CSV "
            "or .xlsx",
        ),
        (
            r"ligne (\d+) : octets invalides en (\S+) : .*",
            r"line \1: invalid bytes in \2: save the file again as CSV UTF-8",
        ),
        (r"CSV mal formé \((.*)\)", r"malformed CSV (\1)"),
        (r"le fichier ne contient aucune ligne", "the file has no lines"),
        (
            r"ce fichier n'est pas un classeur \.xlsx lisible.*",
            "this file is not a readable .xlsx workbook (a .zip?): save it as .xlsx or CSV",
        ),
        (r"le classeur ne contient aucune feuille", "the workbook has no sheet"),
        (
            r"feuille « (.*) » introuvable : le classeur a (.*)",
            r"sheet « \1 » not found: the workbook has \2",
        ),
        # bot.catalog_file
        (
            r"aucun produit sous l'en-tête : .*",
            "no product under the header: put one product per line below it",
        ),
        (
            r"les colonnes « (.*) » et « (.*) » donnent toutes deux (.+) : gardez-en une",
            r"the columns « \1 » and « \2 » both give \3: keep one",
        ),
        (
            r"colonne du nom introuvable \(colonnes lues : (.*)\) : .*",
            r"name column not found (columns read: \1): call it Name, Product or Nom",
        ),
        (r"(\d+) valeurs pour (\d+) colonnes", r"\1 values for \2 columns"),
        (r"nom en double \(déjà ligne (\d+)\)", r"duplicate name (already line \1)"),
        (r"référence en double \(déjà ligne (\d+)\)", r"duplicate SKU (already line \1)"),
        (r"plus de (\d+) alias", r"more than \1 aliases"),
        (
            r"nom manquant : .*",
            "missing name: every line needs a product name",
        ),
        # bot.validation
        (
            r"caractère invalide \(émoji coupé en deux, ou texte mal encodé\)",
            "invalid character (an emoji cut in half, or badly encoded text)",
        ),
        (r"caractères de contrôle interdits", "control characters are not allowed"),
        (r"ne doit pas être vide", "must not be empty"),
        (r"trop long \((\d+) caractères au plus\)", r"too long (\1 characters at most)"),
        (
            r"(.+) est ambigu : écrivez le nombre sans séparateur \(1500 ou 1\)",
            r"\1 is ambiguous: write the number without a separator (1500 or 1)",
        ),
        (
            r"« (.+) » n'est pas un nombre : écrivez le nombre seul, sans l'unité",
            r"« \1 » is not a number: write the number alone, without the unit",
        ),
        (r"(.+) est négatif : (.+) est attendu", r"\1 is negative: \2 is expected"),
        (r"(.+) n'est pas permis : (.+) est attendu", r"\1 is not allowed: \2 is expected"),
        (
            r"(.+) n'est pas un nombre entier : (.+) est attendu",
            r"\1 is not a whole number: \2 is expected",
        ),
        (r"(.+) dépasse la limite : (.+) est attendu", r"\1 is over the limit: \2 is expected"),
        (
            r"« (.+) » n'est pas un nombre : (.+) est attendu",
            r"« \1 » is not a number: \2 is expected",
        ),
        # bot.stores (`--create-store`, the store chosen)
        (
            r"« (.*) » : pas d'espace dans un code \(ex\. dakar-1\)",
            r"« \1 »: no space in a code (e.g. dakar-1)",
        ),
        (
            r"magasin inconnu : (\S+) \(vouliez-vous dire (.+) \?\)",
            r"unknown store: \1 (did you mean \2?)",
        ),
        (
            r"magasin inconnu : (\S+) \(stockbot stores list les montre\)",
            r"unknown store: \1 (stockbot stores list shows them)",
        ),
    ]
]


def import_reason(reason: str, language: str) -> str:
    """`reason` (French, as the import's modules word it) in `language`."""
    if language != "en":
        return reason
    for pattern, replacement in _ENGLISH:
        if pattern.fullmatch(reason):
            english = pattern.sub(replacement, reason)
            for french, label in _LABELS.items():
                english = english.replace(f"give {french}", f"give {label}")
            for expected, said in _EXPECTED:
                english = re.sub(expected + r"(?= is expected)", said, english)
            return english.replace(" ou ", " or ")
    return reason


def problem_line(problem: ImportProblem, language: str) -> str:
    """`ImportProblem.describe()` in `language`."""
    if language != "en":
        return problem.describe()
    where = f"line {problem.line}" + (f", column « {problem.column} »" if problem.column else "")
    reason = import_reason(problem.reason, language)
    return f"{where}{quoted_value(problem.value, reason)}: {reason}"


def import_problems(error: Exception, language: str, *, limit: int | None = None) -> list[str]:
    """The lines of a refused import (`ImportFailed`: one per problem, the first `limit`, then
    how many more; another error: its message), in `language`."""
    if not isinstance(error, ImportFailed):
        field = getattr(error, "field", None)
        reason = getattr(error, "reason", None)
        if isinstance(field, str) and isinstance(reason, str):  # InvalidInput
            separator = ": " if language == "en" else " : "
            return [f"{field}{separator}{import_reason(reason, language)}"]
        return [import_reason(str(error), language)]
    problems = error.problems if limit is None else error.problems[:limit]
    lines = [problem_line(problem, language) for problem in problems]
    more = len(error.problems) - len(problems)
    if more > 0:
        lines.append(
            f"… and {more} more error(s)" if language == "en" else f"… et {more} autre(s) erreur(s)"
        )
    return lines
