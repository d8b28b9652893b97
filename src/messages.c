/* messages.c: the catalogue of the words the book sets itself, one column
 * per language, indexed by enum msg_id (messages.h says how to call it).
 *
 * English is the reference; a translation left NULL falls back to it, so a
 * new message needs only its English text to build.  Month names and the
 * date order live here too: "Edition of 1 December 2026" is
 * "Ausgabe vom 1. Dezember 2026" and "2026年12月1日版". */
#include "messages.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum msg_lang { ML_EN, ML_DE, ML_FR, ML_ES, ML_PT, ML_NL, ML_RU, ML_JA, ML_ZH, ML_EL, ML_HE, ML__MAX };

static const char *const lang_codes[ML__MAX] = { "en", "de", "fr", "es", "pt", "nl", "ru", "ja", "zh", "el", "he" };

static const char *const keys[MSG__MAX] = {
	"contents", "index", "index_other", "index_symbols", "career_journey", "journey_legend_branch",
	"journey_legend", "journey_legend_pages", "journey_legend_marks", "this_role", "next_step",
	"page_abbrev", "levels_at_a_glance", "what_changes", "in_this_document", "subtitle", "worksheet",
	"agreed_next_steps", "expectation", "evidence", "not_yet", "sometimes", "consistently", "engineer",
	"manager", "name", "signature", "date", "edition", "version", "journey_legend_boxes",
	"what_changed_since", "reviewer", "prepared_for", "next_steps_note", "journey_legend_excerpt",
	"journey_legend_jobs", "journey_legend_self",
};

#define LQ "\xE2\x80\x9C" /* “ */
#define RQ "\xE2\x80\x9D" /* ” */

static const char *const texts[ML__MAX][MSG__MAX] = {
	[ML_EN] = { "Contents", "Index", "Other", "Symbols", "Career journey",
	            "Arrows show progression; the dashed branch marks a change of track.",
	            "Arrows show progression within a track.", " Page numbers refer to each role\xE2\x80\x99s chapter.",
	            " The highlighted box is the role this document describes; " LQ "Next step" RQ " marks where it leads.",
	            "This role", "Next step", "p.", "Levels at a glance", "What changes", "In this document",
	            "Roles, expectations and growth", "Worksheet", "Agreed next steps", "Expectation", "Evidence",
	            "Not yet", "Sometimes", "Consistently", "Engineer", "Manager", "Name", "Signature", "Date",
	            "Edition of", "Version",
	            "Each box is a role; each row a track.", "What changed since",
	            "Reviewer", "Prepared for", "What the {person} will work on before the next conversation, and the support the {reviewer} will give.",
	            " These are the journey\xE2\x80\x99s pages that hold this role and its next step; the handbook has it all.",
	            "Each box is a role with a track of its own.",
	            " The highlighted box is the role this document describes." },
	[ML_DE] = { "Inhalt", "Register", "Sonstiges", "Symbole", "Karriereweg",
	            "Pfeile zeigen den Aufstieg; der gestrichelte Zweig markiert einen Wechsel des Pfads.",
	            "Pfeile zeigen den Aufstieg innerhalb eines Pfads.",
	            " Seitenzahlen verweisen auf das Kapitel der jeweiligen Rolle.",
	            " Der hervorgehobene Kasten ist die Rolle, die dieses Dokument beschreibt; "
	            "\xE2\x80\x9EN\xC3\xA4" "chster Schritt" LQ " zeigt, wohin sie f\xC3\xBChrt.",
	            "Diese Rolle", "N\xC3\xA4" "chster Schritt", "S.", "Stufen im \xC3\x9C" "berblick",
	            "Was sich \xC3\xA4ndert", "In diesem Dokument", "Rollen, Erwartungen und Entwicklung",
	            "Arbeitsblatt", "Vereinbarte n\xC3\xA4" "chste Schritte", "Erwartung", "Belege", "Noch nicht",
	            "Manchmal", "Durchgehend", "Mitarbeiter/in", "F\xC3\xBChrungskraft", "Name", "Unterschrift",
	            "Datum", "Ausgabe vom", "Version",
	            "Jeder Kasten ist eine Rolle; jede Zeile ein Pfad.", "Was sich ge\xC3\xA4ndert hat seit",
	            "Pr\xC3\xBC" "fer/in", "Erstellt f\xC3\xBCr",
	            NULL, NULL, "Jeder Kasten ist eine Rolle mit einem eigenen Pfad.",
	            " Der hervorgehobene Kasten ist die Rolle, die dieses Dokument beschreibt." },
	[ML_FR] = { "Sommaire", "Index", "Autres", "Symboles", "Parcours de carri\xC3\xA8re",
	            "Les fl\xC3\xA8" "ches indiquent la progression\xC2\xA0; la branche en pointill\xC3\xA9s marque "
	            "un changement de fili\xC3\xA8re.",
	            "Les fl\xC3\xA8" "ches indiquent la progression au sein d\xE2\x80\x99une fili\xC3\xA8re.",
	            " Les num\xC3\xA9ros de page renvoient au chapitre de chaque r\xC3\xB4le.",
	            " L\xE2\x80\x99" "encadr\xC3\xA9 mis en \xC3\xA9vidence est le r\xC3\xB4le d\xC3\xA9" "crit par ce "
	            "document\xC2\xA0; \xC2\xAB\xC2\xA0\xC3\x89tape suivante\xC2\xA0\xC2\xBB indique o\xC3\xB9 il m\xC3\xA8ne.",
	            "Ce r\xC3\xB4le", "\xC3\x89tape suivante", "p.", "Les niveaux en un coup d\xE2\x80\x99\xC5\x93il",
	            "Ce qui change", "Dans ce document", "R\xC3\xB4les, attentes et \xC3\xA9volution", "Fiche de travail",
	            "Prochaines \xC3\xA9tapes convenues", "Attente", "\xC3\x89l\xC3\xA9ments probants", "Pas encore",
	            "Parfois", "R\xC3\xA9guli\xC3\xA8rement", "Collaborateur", "Manager", "Nom", "Signature", "Date",
	            "\xC3\x89" "dition du", "Version",
	            "Chaque encadr\xC3\xA9 est un r\xC3\xB4le\xC2\xA0; chaque ligne une fili\xC3\xA8re.", "Ce qui a chang\xC3\xA9 depuis",
	            "\xC3\x89valuateur", "Pr\xC3\xA9par\xC3\xA9 pour",
	            NULL, NULL, "Chaque encadr\xC3\xA9 est un r\xC3\xB4le, avec sa propre fili\xC3\xA8re.",
	            " L\xE2\x80\x99" "encadr\xC3\xA9 mis en \xC3\xA9vidence est le r\xC3\xB4le d\xC3\xA9" "crit par ce document." },
	[ML_ES] = { "Contenido", "\xC3\x8Dndice", "Otros", "S\xC3\xADmbolos", "Trayectoria profesional",
	            "Las flechas muestran la progresi\xC3\xB3n; la rama discontinua marca un cambio de itinerario.",
	            "Las flechas muestran la progresi\xC3\xB3n dentro de un itinerario.",
	            " Los n\xC3\xBAmeros de p\xC3\xA1gina remiten al cap\xC3\xADtulo de cada rol.",
	            " El recuadro resaltado es el rol que describe este documento; \xC2\xAB" "Siguiente paso\xC2\xBB "
	            "indica ad\xC3\xB3nde lleva.",
	            "Este rol", "Siguiente paso", "p\xC3\xA1g.", "Los niveles de un vistazo", "Qu\xC3\xA9 cambia",
	            "En este documento", "Roles, expectativas y crecimiento", "Hoja de trabajo",
	            "Pr\xC3\xB3ximos pasos acordados", "Expectativa", "Evidencias", "Todav\xC3\xAD" "a no", "A veces",
	            "Siempre", "Empleado", "Responsable", "Nombre", "Firma", "Fecha", "Edici\xC3\xB3n del",
	            "Versi\xC3\xB3n",
	            "Cada recuadro es un rol; cada fila, un itinerario.", "Qu\xC3\xA9 ha cambiado desde",
	            "Revisor", "Preparado para",
	            NULL, NULL, "Cada recuadro es un rol con su propio itinerario.",
	            " El recuadro resaltado es el rol que describe este documento." },
	[ML_PT] = { "Sum\xC3\xA1rio", "\xC3\x8Dndice", "Outros", "S\xC3\xADmbolos", "Percurso de carreira",
	            "As setas mostram a progress\xC3\xA3o; o ramo tracejado marca uma mudan\xC3\xA7" "a de trilha.",
	            "As setas mostram a progress\xC3\xA3o dentro de uma trilha.",
	            " Os n\xC3\xBAmeros de p\xC3\xA1gina remetem ao cap\xC3\xADtulo de cada fun\xC3\xA7\xC3\xA3o.",
	            " A caixa destacada \xC3\xA9 a fun\xC3\xA7\xC3\xA3o que este documento descreve; " LQ
	            "Pr\xC3\xB3ximo passo" RQ " indica para onde ela leva.",
	            "Esta fun\xC3\xA7\xC3\xA3o", "Pr\xC3\xB3ximo passo", "p.", "Os n\xC3\xADveis em resumo", "O que muda",
	            "Neste documento", "Fun\xC3\xA7\xC3\xB5" "es, expectativas e crescimento", "Ficha de trabalho",
	            "Pr\xC3\xB3ximos passos acordados", "Expectativa", "Evid\xC3\xAAncias", "Ainda n\xC3\xA3o",
	            "\xC3\x80s vezes", "Consistentemente", "Colaborador", "Gestor", "Nome", "Assinatura", "Data",
	            "Edi\xC3\xA7\xC3\xA3o de", "Vers\xC3\xA3o",
	            "Cada caixa \xC3\xA9 uma fun\xC3\xA7\xC3\xA3o; cada linha, uma trilha.", "O que mudou desde",
	            "Avaliador", "Preparado para",
	            NULL, NULL, "Cada caixa \xC3\xA9 uma fun\xC3\xA7\xC3\xA3o com a sua pr\xC3\xB3pria trilha.",
	            " A caixa destacada \xC3\xA9 a fun\xC3\xA7\xC3\xA3o que este documento descreve." },
	[ML_NL] = { "Inhoud", "Register", "Overig", "Symbolen", "Loopbaanpad",
	            "Pijlen tonen de groei; de gestippelde tak markeert een wisseling van spoor.",
	            "Pijlen tonen de groei binnen een spoor.",
	            " Paginanummers verwijzen naar het hoofdstuk van elke rol.",
	            " Het gemarkeerde vak is de rol die dit document beschrijft; \xE2\x80\x98Volgende stap\xE2\x80\x99 "
	            "geeft aan waar die heen leidt.",
	            "Deze rol", "Volgende stap", "p.", "Niveaus in \xC3\xA9\xC3\xA9n oogopslag", "Wat er verandert",
	            "In dit document", "Rollen, verwachtingen en groei", "Werkblad", "Afgesproken volgende stappen",
	            "Verwachting", "Onderbouwing", "Nog niet", "Soms", "Consequent", "Medewerker", "Leidinggevende",
	            "Naam", "Handtekening", "Datum", "Editie van", "Versie",
	            "Elk vak is een rol; elke rij een spoor.", "Wat er veranderd is sinds",
	            "Beoordelaar", "Opgesteld voor",
	            NULL, NULL, "Elk vak is een rol met een eigen spoor.",
	            " Het gemarkeerde vak is de rol die dit document beschrijft." },
	[ML_RU] = { "Содержание", "Предметный указатель", "Прочее", "Символы", "Карьерный путь",
	            "Стрелки показывают рост; пунктирная ветвь отмечает смену направления.",
	            "Стрелки показывают рост внутри направления.", " Номера страниц указывают на главу каждой роли.",
	            " Выделенный блок \xE2\x80\x94 роль, которую описывает этот документ; \xC2\xAB" "Следующий шаг\xC2\xBB "
	            "показывает, куда она ведёт.",
	            "Эта роль", "Следующий шаг", "с.", "Уровни вкратце", "Что меняется", "В этом документе",
	            "Роли, ожидания и развитие", "Рабочий лист", "Согласованные следующие шаги", "Ожидание",
	            "Подтверждение", "Пока нет", "Иногда", "Стабильно", "Сотрудник", "Руководитель", "Имя", "Подпись",
	            "Дата", "Издание от", "Версия",
	            "Каждый блок — роль; каждая строка — направление.", "Что изменилось с",
	            "Рецензент", "Подготовлено для",
	            NULL, NULL, "Каждый блок — роль со своим направлением.",
	            " Выделенный блок \xE2\x80\x94 роль, которую описывает этот документ." },
	[ML_JA] = { "目次", "索引", "その他", "記号", "キャリアの道筋",
	            "矢印は昇進の流れを示し、破線の枝はトラックの変更を示します。", "矢印はトラック内の昇進の流れを示します。",
	            "ページ番号は各職位の章を指します。", "強調された枠はこの文書が説明する職位で、「次のステップ」はその先を示します。",
	            "この職位", "次のステップ", "p.", "職位の一覧", "変わること", "この文書の内容", "職位・期待・成長",
	            "ワークシート", "合意した次のステップ", "期待", "根拠", "まだ", "ときどき", "常に", "本人", "上司", "氏名",
	            "署名", "日付", NULL, "バージョン",
	            "各枠は職位を、各行はトラックを示します。", "変更点：基準",
	            "評価者", "宛先",
	            NULL, NULL, "各枠はそれぞれ独自のトラックを持つ職位です。",
	            "強調された枠はこの文書が説明する職位です。" },
	[ML_ZH] = { "目录", "索引", "其他", "符号", "职业路径", "箭头表示晋升方向；虚线分支表示转换序列。",
	            "箭头表示序列内的晋升方向。", "页码指向各职位的章节。", "高亮的方框是本文档描述的职位，“下一步”表示其发展方向。",
	            "本职位", "下一步", "p.", "职级一览", "变化之处", "本文档内容", "职位、期望与成长", "工作表", "商定的下一步",
	            "期望", "证据", "尚未", "有时", "始终", "员工", "经理", "姓名", "签名", "日期", NULL, "版本",
	            "每个方框是一个职位；每一行是一个序列。", "自以下版本以来的变化：",
	            "评审人", "致",
	            NULL, NULL, "每个方框是一个职位，各自构成一个序列。",
	            "高亮的方框是本文档描述的职位。" },
	[ML_EL] = { "Περιεχόμενα", "Ευρετήριο", "Άλλα", "Σύμβολα", "Πορεία σταδιοδρομίας",
	            "Τα βέλη δείχνουν την εξέλιξη· ο διακεκομμένος κλάδος σημαίνει αλλαγή διαδρομής.",
	            "Τα βέλη δείχνουν την εξέλιξη μέσα σε μια διαδρομή.",
	            " Οι αριθμοί σελίδων παραπέμπουν στο κεφάλαιο κάθε ρόλου.",
	            " Το επισημασμένο πλαίσιο είναι ο ρόλος που περιγράφει αυτό το έγγραφο· το \xC2\xAB"
	            "Επόμενο βήμα\xC2\xBB δείχνει πού οδηγεί.",
	            "Αυτός ο ρόλος", "Επόμενο βήμα", "σ.", "Οι βαθμίδες με μια ματιά", "Τι αλλάζει",
	            "Σε αυτό το έγγραφο", "Ρόλοι, προσδοκίες και εξέλιξη", "Φύλλο εργασίας",
	            "Συμφωνημένα επόμενα βήματα", "Προσδοκία", "Τεκμήρια", "Όχι ακόμη", "Μερικές φορές", "Σταθερά",
	            "Εργαζόμενος", "Προϊστάμενος", "Όνομα", "Υπογραφή", "Ημερομηνία", "Έκδοση", "Αναθεώρηση",
	            "Κάθε πλαίσιο είναι ένας ρόλος· κάθε σειρά μια διαδρομή.", "Τι άλλαξε από",
	            "Αξιολογητής", "Ετοιμάστηκε για",
	            NULL, NULL, "Κάθε πλαίσιο είναι ένας ρόλος με δική του διαδρομή.",
	            " Το επισημασμένο πλαίσιο είναι ο ρόλος που περιγράφει αυτό το έγγραφο." },
	/* right to left: lineset.c and bidi.c set these from the right like the content */
	[ML_HE] = { "תוכן העניינים", "מפתח", "אחר", "סמלים", "מסלול הקריירה",
	            "החצים מראים התקדמות; הענף המקווקו מסמן מעבר בין מסלולים.",
	            "החצים מראים התקדמות בתוך מסלול.", " מספרי העמודים מפנים לפרק של כל תפקיד.",
	            " התיבה המודגשת היא התפקיד שמסמך זה מתאר; \"הצעד הבא\" מסמן לאן הוא מוביל.",
	            "תפקיד זה", "הצעד הבא", "עמ'", "הדרגות במבט אחד", "מה משתנה", "במסמך זה",
	            "תפקידים, ציפיות וצמיחה", "דף עבודה", "הצעדים הבאים שסוכמו", "ציפייה", "ראיות", "עדיין לא",
	            "לפעמים", "באופן עקבי", "עובד/ת", "מנהל/ת", "שם", "חתימה", "תאריך", "מהדורה מיום", "גרסה",
	            "כל תיבה היא תפקיד; כל שורה היא מסלול.", "מה השתנה מאז",
	            "מעריך/ה", "הוכן עבור",
	            NULL, NULL, "כל תיבה היא תפקיד עם מסלול משלו.",
	            " התיבה המודגשת היא התפקיד שמסמך זה מתאר." },
};

static const char *const months[ML__MAX][12] = {
	[ML_EN] = { "January", "February", "March", "April", "May", "June", "July", "August", "September",
	            "October", "November", "December" },
	[ML_DE] = { "Januar", "Februar", "M\xC3\xA4rz", "April", "Mai", "Juni", "Juli", "August", "September",
	            "Oktober", "November", "Dezember" },
	[ML_FR] = { "janvier", "f\xC3\xA9vrier", "mars", "avril", "mai", "juin", "juillet", "ao\xC3\xBBt",
	            "septembre", "octobre", "novembre", "d\xC3\xA9" "cembre" },
	[ML_ES] = { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
	            "octubre", "noviembre", "diciembre" },
	[ML_PT] = { "janeiro", "fevereiro", "mar\xC3\xA7o", "abril", "maio", "junho", "julho", "agosto",
	            "setembro", "outubro", "novembro", "dezembro" },
	[ML_NL] = { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
	            "oktober", "november", "december" },
	/* the genitive: "1 декабря" */
	[ML_RU] = { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
	            "октября", "ноября", "декабря" },
	/* the genitive: "1 Δεκεμβρίου" */
	[ML_EL] = { "Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου", "Ιουλίου",
	            "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου" },
	/* with the preposition: "1 בדצמבר 2026" */
	[ML_HE] = { "בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר",
	            "באוקטובר", "בנובמבר", "בדצמבר" },
};

static enum msg_lang current = ML_EN;
static char *overrides[MSG__MAX]; /* owned; NULL: the catalogue's */

void msg_set_lang(const char *tag)
{
	current = ML_EN;
	if (!tag)
		return;
	size_t n = strcspn(tag, "-_");
	for (int i = 0; i < ML__MAX; i++)
		if (strlen(lang_codes[i]) == n && !strncmp(tag, lang_codes[i], n))
			current = (enum msg_lang)i;
}

const char *msg(enum msg_id id)
{
	if (id < 0 || id >= MSG__MAX)
		return "";
	if (overrides[id])
		return overrides[id];
	return texts[current][id] ? texts[current][id] : texts[ML_EN][id];
}

const char *msg_key(enum msg_id id)
{
	return id >= 0 && id < MSG__MAX ? keys[id] : "";
}

int msg_override(const char *key, const char *text)
{
	for (int i = 0; key && i < MSG__MAX; i++) {
		if (strcmp(keys[i], key))
			continue;
		free(overrides[i]);
		overrides[i] = text ? xstrdup(text) : NULL;
		return 0;
	}
	return -1;
}

void msg_reset(void)
{
	for (int i = 0; i < MSG__MAX; i++) {
		free(overrides[i]);
		overrides[i] = NULL;
	}
}

void msg_date(char *out, size_t size, int year, int month, int day)
{
	int m = (month - 1 + 12) % 12;
	switch (current) {
	case ML_DE:
		snprintf(out, size, "%d. %s %d", day, months[current][m], year);
		break;
	case ML_FR:
		snprintf(out, size, "%d%s %s %d", day, day == 1 ? "er" : "", months[current][m], year);
		break;
	case ML_ES:
	case ML_PT:
		snprintf(out, size, "%d de %s de %d", day, months[current][m], year);
		break;
	case ML_RU:
		snprintf(out, size, "%d %s %d\xC2\xA0г.", day, months[current][m], year);
		break;
	case ML_JA:
	case ML_ZH:
		snprintf(out, size, "%d年%d月%d日", year, m + 1, day);
		break;
	default:
		snprintf(out, size, "%d %s %d", day,
		         months[current == ML_NL || current == ML_EL || current == ML_HE ? current : ML_EN][m], year);
		break;
	}
}

void msg_edition(char *out, size_t size, int year, int month, int day)
{
	char date[96];
	msg_date(date, sizeof(date), year, month, day);
	/* "2026年12月1日版"; an author's prefix goes before the date */
	if ((current == ML_JA || current == ML_ZH) && !overrides[MSG_EDITION])
		snprintf(out, size, "%s版", date);
	else
		snprintf(out, size, "%s %s", msg(MSG_EDITION), date);
}
