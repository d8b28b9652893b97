/* titlewords.c: the words of a chapter title that say it names a job ("Data
 * Analyst", "Ingenieurin", "Разработчик") or a page about the framework
 * ("Glossary", "Vergütung", "Оценка", "用語集"), in the languages the book
 * sets (messages.c): English, German, French, Spanish, Portuguese, Dutch,
 * Russian, Greek, Hebrew, Japanese and Chinese.
 *
 * Words are compared lower-cased (ASCII, Latin-1, Cyrillic and Greek
 * capitals; titlewords_lower).  Japanese and Chinese titles have no spaces
 * between words, so their vocabularies are looked for inside the title.  A
 * job word wins over a page word: "Performance Engineer" is a role. */
#include "titlewords.h"

#include <string.h>

/* Words that name a person doing a job.  Words with a job ending (below)
 * count too, but for those in not_job_words, which end so and name no
 * person. */
static const char *const job_words[] = {
	/* en */
	"lead", "head", "coach", "staff", "principal", "senior", "junior", "expert", "executive", "intern",
	"associate", "fellow", "analyst", "architect", "consultant", "assistant", "agent", "chief", "vp",
	"cto", "ceo", "cio", "ciso", "cpo", "sre", "swe", "sde", "qa", "qae", "devops", "ic", "em",
	"apprentice", "trainee", "graduate", "student", "partner", "mentor", "steward", "champion",
	"accountant", "counsel", "representative", "president", "admin",
	/* de */
	"ingenieur", "ingenieurin", "leitung", "führungskraft", "architekt", "architektin", "fachkraft", "werkstudent", "werkstudentin",
	"praktikant", "praktikantin", "azubi", "referent", "referentin", "spezialist", "spezialistin",
	/* fr */
	"ingénieur", "ingénieure", "responsable", "chef", "cheffe", "directrice", "architecte", "analyste",
	"gestionnaire", "chargé", "chargée", "technicien", "technicienne", "stagiaire", "alternant",
	"alternante", "leader", "consultante", "associé", "associée",
	/* es, pt */
	"ingeniero", "ingeniera", "jefe", "jefa", "líder", "gerente", "arquitecto", "arquitecta", "analista",
	"técnico", "técnica", "becario", "becaria", "engenheiro", "engenheira", "estagiário", "estagiária",
	"especialista", "coordinador", "coordinadora", "coordenador", "coordenadora",
	/* nl */
	"ontwikkelaar", "leidinggevende", "teamleider", "stagiair", "specialist",
	/* ru */
	"инженер", "разработчик", "разработчица", "руководитель", "руководительница", "менеджер", "лид",
	"тимлид", "техлид", "архитектор", "аналитик", "тестировщик", "стажёр", "стажер", "специалист",
	"директор", "начальник", "администратор", "консультант", "дизайнер", "программист", "эксперт",
	"ведущий", "старший", "младший", "главный",
	/* el */
	"μηχανικός", "προγραμματιστής", "διευθυντής", "υπεύθυνος", "υπεύθυνη", "αναλυτής", "σύμβουλος",
	"επικεφαλής",
	/* he */
	"מהנדס", "מהנדסת", "מפתח", "מפתחת", "מנהל", "מנהלת", "ראש", "אנליסט", "ארכיטקט", "יועץ",
};

/* Words with a job ending that name no person. */
static const char *const not_job_words[] = {
	"other", "order", "error", "paper", "number", "chapter", "matter", "letter", "charter", "ladder",
	"career", "layer", "behavior", "behaviour", "factor", "vector", "mirror", "winter", "water", "cover",
	"power", "center", "centre", "folder", "filter", "header", "footer", "register", "parameter",
	"after", "under", "over", "together", "further", "rather", "better", "whether", "either",
	"neither", "former", "latter", "quarter", "summer", "major", "minor", "color", "colour", "honor",
	"honour", "favour", "favor", "labour", "labor", "sector", "anchor", "monitor", "list", "checklist",
	"wishlist", "first", "best", "most", "last", "against", "interest", "twitter", "newsletter",
	"border", "answer", "corner", "reminder", "offer", "transfer", "character", "cluster",
	"poster", "roster", "master", "primer", "meter", "member", "manner", "dinner", "price",
	/* de, fr, es: -er, -or, -eur endings of things */
	"über", "oder", "aber", "wieder", "fehler", "sommer", "inner", "unser", "hinter", "zähler",
	"valeur", "valeurs", "couleur", "hauteur", "largeur", "erreur", "honneur", "intérieur",
	"extérieur", "supérieur", "inférieur", "meilleur", "labeur", "valor", "valores", "color", "mayor",
	"menor", "mejor", "peor", "anterior", "posterior", "superior", "inferior", "exterior", "interior",
	"sector", "factor", "maior", "melhor", "pior",
};

/* Words that name a page about the framework rather than a job. */
static const char *const page_words[] = {
	/* en */
	"glossary", "overview", "introduction", "intro", "about", "faq", "faqs", "culture", "values",
	"principles", "contributing", "process", "processes", "guide", "guidelines", "how", "why", "what",
	"compensation", "salary", "salaries", "grades", "progress", "progression", "competencies",
	"competency", "skills", "assessment", "assessments", "review", "reviews", "performance",
	"calibration", "training", "retrospective", "goals", "meeting", "meetings", "handbook", "framework",
	"ladder", "ladders", "levels", "tracks", "axes", "impact", "promotion", "promotions", "feedback",
	"expectations", "onboarding", "appendix", "references", "resources", "changelog", "history",
	"template", "templates", "contents", "summary", "notes", "layout", "utilities", "policy",
	"policies", "benefits", "hiring", "interview", "interviews", "catchups", "mission", "vision",
	"behaviours", "behaviors", "definitions", "terminology", "matrix", "readme", "index", "decisions",
	"log", "follow-ups", "wip", "roadmap", "changes", "start", "welcome", "home", "vs", "versus", "profile",
	"profiles", "background", "context", "idea",
	/* de */
	"glossar", "überblick", "übersicht", "einleitung", "einführung", "vergütung", "gehalt", "gehälter",
	"kompetenzen", "kompetenz", "beurteilung", "bewertung", "leitfaden", "prozess", "werte",
	"grundsätze", "prinzipien", "stufen", "karrierestufen", "karriere", "ziele", "beförderung",
	"vorlage", "mitarbeitergespräch", "entwicklungsgespräch", "inhalt",
	/* fr */
	"glossaire", "aperçu", "présentation", "rémunération", "salaire", "salaires", "compétences",
	"compétence", "évaluation", "évaluations", "processus", "valeurs", "principes", "niveaux", "grille",
	"objectifs", "entretien", "entretiens", "modèle", "sommaire", "carrière",
	/* es, pt */
	"glosario", "introducción", "resumen", "compensación", "salario", "salarios", "competencias",
	"competencia", "evaluación", "evaluaciones", "proceso", "principios", "niveles", "objetivos",
	"promoción", "plantilla", "glossário", "introdução", "visão", "remuneração", "salário",
	"competências", "competência", "avaliação", "avaliações", "processo", "princípios", "níveis",
	"promoção", "carreira", "contenido", "sumário",
	/* nl */
	"woordenlijst", "overzicht", "inleiding", "beloning", "salaris", "competenties", "beoordeling",
	"proces", "waarden", "principes", "niveaus", "doelen", "promotie", "loopbaan",
	/* ru */
	"глоссарий", "обзор", "введение", "компенсация", "зарплата", "зарплаты", "компетенции",
	"компетенция", "оценка", "процесс", "ценности", "принципы", "грейды", "грейд", "уровни", "цели",
	"повышение", "шаблон", "оглавление", "словарь", "матрица", "карьера", "содержание",
	/* el */
	"γλωσσάριο", "επισκόπηση", "εισαγωγή", "αμοιβές", "αξιολόγηση", "διαδικασία", "αξίες", "αρχές",
	"επίπεδα", "στόχοι", "περιεχόμενα",
	/* he */
	"מילון", "סקירה", "מבוא", "תגמול", "שכר", "הערכה", "תהליך", "ערכים", "דרגות", "יעדים",
};

/* Japanese and Chinese, looked for inside a title. */
static const char *const cjk_job[] = {
	"エンジニア", "マネージャー", "マネジャー", "リーダー", "リード", "アーキテクト", "デザイナー", "アナリスト",
	"スペシャリスト", "責任者", "部長", "課長", "担当者", "開発者", "技術者", "工程师", "经理", "主管",
	"架构师", "设计师", "分析师", "专家", "负责人", "总监", "组长",
};
static const char *const cjk_page[] = {
	"用語集", "概要", "はじめに", "評価", "報酬", "給与", "等級", "グレード", "コンピテンシー", "プロセス",
	"価値観", "目次", "术语", "概述", "简介", "评估", "薪酬", "职级", "能力模型", "流程", "价值观", "目录",
};

#define COUNT(a) (sizeof(a) / sizeof(*(a)))

static int in_list(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

static int ends_with(const char *w, size_t n, const char *end)
{
	size_t k = strlen(end);
	return n >= k && !strcmp(w + n - k, end);
}

/* Endings of words naming people: -er, -or, -ist (en, and de/nl -er),
 * their plurals, the feminine -erin/-orin/-istin (de), -eur/-euse/-rice
 * (fr), -dor/-dora (es, pt), -ист/-щик/-чик (ru), -τής (el). */
static int job_ending(const char *w, size_t n)
{
	static const char *const ends[] = { "er", "or", "ist", "ers", "ors", "ists", "erin", "orin", "istin",
		                            "eur", "euse", "rice", "dor", "dora", "ист", "щик", "чик", "τής" };
	for (size_t i = 0; i < COUNT(ends); i++)
		if (ends_with(w, n, ends[i]))
			return 1;
	return 0;
}

int titlewords_job(const char *w)
{
	size_t n = strlen(w);
	if (in_list(w, job_words, COUNT(job_words)))
		return 1;
	if (n < 5 || in_list(w, not_job_words, COUNT(not_job_words)))
		return 0;
	if (w[n - 1] == 's') { /* "ladders", "colors": the plural of a word above */
		char one[64];
		if (n - 1 < sizeof(one)) {
			memcpy(one, w, n - 1);
			one[n - 1] = 0;
			if (in_list(one, not_job_words, COUNT(not_job_words)))
				return 0;
		}
	}
	return job_ending(w, n);
}

int titlewords_page(const char *w)
{
	return in_list(w, page_words, COUNT(page_words));
}

const char *titlewords_cjk(const char *title, int *job)
{
	*job = 0;
	for (size_t i = 0; i < COUNT(cjk_job); i++)
		if (strstr(title, cjk_job[i])) {
			*job = 1;
			return NULL;
		}
	for (size_t i = 0; i < COUNT(cjk_page); i++)
		if (strstr(title, cjk_page[i]))
			return cjk_page[i];
	return NULL;
}

void titlewords_lower(char *w)
{
	for (unsigned char *p = (unsigned char *)w; *p; p++) {
		if (*p >= 'A' && *p <= 'Z') {
			*p = (unsigned char)(*p - 'A' + 'a');
		} else if (*p == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E && p[1] != 0x97) {
			p[1] += 0x20; /* À..Þ but × */
			p++;
		} else if (*p == 0xD0 && p[1] >= 0x90 && p[1] <= 0x9F) {
			p[1] += 0x20; /* А..П -> а..п */
			p++;
		} else if (*p == 0xD0 && p[1] >= 0xA0 && p[1] <= 0xAF) {
			p[0] = 0xD1; /* Р..Я -> р..я */
			p[1] -= 0x20;
			p++;
		} else if (*p == 0xD0 && p[1] == 0x81) {
			p[0] = 0xD1; /* Ё -> ё */
			p[1] = 0x91;
			p++;
		} else if (*p == 0xCE && p[1] >= 0x91 && p[1] <= 0x9F) {
			p[1] += 0x20; /* Α..Ο -> α..ο */
			p++;
		} else if (*p == 0xCE && p[1] >= 0xA0 && p[1] <= 0xA9 && p[1] != 0xA2) {
			p[0] = 0xCF; /* Π..Ω -> π..ω */
			p[1] -= 0x20;
			p++;
		} else if (*p >= 0x80 && p[1]) {
			while ((p[1] & 0xC0) == 0x80) /* another character: skip its bytes */
				p++;
		}
	}
}
