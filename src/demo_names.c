/* demo_names.c: fictional names for the demo generator.
 *
 * Given names are common ones of each culture (a given name alone names
 * nobody); family names are built from invented syllables, so a full
 * name never matches a real person. Native forms come from the same
 * syllables: Arabic and Persian through paired syllable tables,
 * Cyrillic and Uyghur through letter-by-letter transliteration. */
#include <string.h>

#include "casepath/demo_names.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

void
demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	uint64_t x = seed;

	for (int i = 0; i < 4; i++) {
		uint64_t z = (x += 0x9e3779b97f4a7c15ULL);

		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		r->s[i] = z ^ (z >> 31);
	}
}

/* --- small string writer ---------------------------------------------------- */

struct out {
	char *buf;
	size_t len, cap;   /* cap includes the NUL */
};

/* Appends n bytes unless they would not fit whole (a UTF-8 sequence is
 * appended whole or not at all, so cutting never splits a character). */
static void
put_n(struct out *o, const char *s, size_t n)
{
	if (o->cap == 0 || o->len + n + 1 > o->cap)
		return;
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void
put(struct out *o, const char *s)
{
	put_n(o, s, strlen(s));
}

static struct out
out_init(char *buf, size_t len)
{
	struct out o = { buf, 0, len };

	if (len)
		buf[0] = '\0';
	return o;
}

/* --- given names ------------------------------------------------------------ */

struct gname {
	const char *latin;
	const char *native;   /* NULL: transliterate (Uyghur) or none */
	const char *cjk;
	const char *var[3];
};

static const struct gname arab_m[] = {
	{ "Mohammed", "محمد", NULL, { "Muhammad", "Mohamad", "Mohamed" } },
	{ "Ahmad", "أحمد", NULL, { "Ahmed", "Akhmad" } },
	{ "Ali", "علي", NULL, { 0 } },
	{ "Omar", "عمر", NULL, { "Umar", "Omer" } },
	{ "Yusuf", "يوسف", NULL, { "Youssef", "Yousef" } },
	{ "Ibrahim", "إبراهيم", NULL, { "Ebrahim", "Ibragim" } },
	{ "Khalid", "خالد", NULL, { "Khaled" } },
	{ "Hassan", "حسن", NULL, { "Hasan" } },
	{ "Hussein", "حسين", NULL, { "Husayn", "Hussain" } },
	{ "Abdullah", "عبد الله", NULL, { "Abdallah", "Abdulla" } },
	{ "Mustafa", "مصطفى", NULL, { "Moustafa", "Mostafa" } },
	{ "Saeed", "سعيد", NULL, { "Said", "Sayid" } },
	{ "Tariq", "طارق", NULL, { "Tarek" } },
	{ "Yasin", "ياسين", NULL, { "Yassin", "Yaseen" } },
	{ "Hamza", "حمزة", NULL, { "Hamzah" } },
	{ "Bilal", "بلال", NULL, { "Belal" } },
	{ "Anas", "أنس", NULL, { 0 } },
	{ "Ziad", "زياد", NULL, { "Ziyad" } },
	{ "Mahmoud", "محمود", NULL, { "Mahmud" } },
	{ "Abdulrahman", "عبد الرحمن", NULL, { "Abdelrahman", "Abd al-Rahman" } },
	{ "Jamal", "جمال", NULL, { "Gamal" } },
	{ "Walid", "وليد", NULL, { "Waleed" } },
	{ "Karim", "كريم", NULL, { "Kareem" } },
	{ "Qasim", "قاسم", NULL, { "Kassem", "Qassim" } },
	{ "Faisal", "فيصل", NULL, { "Faysal" } },
	{ "Majid", "ماجد", NULL, { "Maged" } },
	{ "Nabil", "نبيل", NULL, { "Nabeel" } },
	{ "Sami", "سامي", NULL, { 0 } },
	{ "Idris", "إدريس", NULL, { "Idriss" } },
	{ "Suleiman", "سليمان", NULL, { "Sulayman", "Soliman" } },
};

static const struct gname arab_f[] = {
	{ "Fatima", "فاطمة", NULL, { "Fatimah", "Fatma" } },
	{ "Aisha", "عائشة", NULL, { "Aicha", "Ayesha" } },
	{ "Maryam", "مريم", NULL, { "Mariam", "Meryem" } },
	{ "Khadija", "خديجة", NULL, { "Khadidja", "Khadeeja" } },
	{ "Zainab", "زينب", NULL, { "Zeinab", "Zaynab" } },
	{ "Sara", "سارة", NULL, { "Sarah" } },
	{ "Nour", "نور", NULL, { "Nur", "Noor" } },
	{ "Huda", "هدى", NULL, { "Houda", "Hoda" } },
	{ "Asma", "أسماء", NULL, { "Asmaa" } },
	{ "Ruqayya", "رقية", NULL, { "Roukaya", "Ruqaiya" } },
	{ "Sumaya", "سمية", NULL, { "Soumaya", "Sumayyah" } },
	{ "Layla", "ليلى", NULL, { "Leila", "Laila" } },
	{ "Amina", "أمينة", NULL, { "Amineh", "Aminah" } },
	{ "Hafsa", "حفصة", NULL, { "Hafsah" } },
	{ "Hanan", "حنان", NULL, { 0 } },
	{ "Rania", "رانيا", NULL, { 0 } },
	{ "Salma", "سلمى", NULL, { "Selma" } },
	{ "Iman", "إيمان", NULL, { "Imane", "Eman" } },
	{ "Yasmin", "ياسمين", NULL, { "Yasmine", "Jasmin" } },
	{ "Safiya", "صفية", NULL, { "Safia", "Safiyyah" } },
	{ "Samira", "سميرة", NULL, { "Sameera" } },
	{ "Nadia", "نادية", NULL, { "Nadiya" } },
	{ "Hajar", "هاجر", NULL, { "Hagar" } },
	{ "Rahaf", "رهف", NULL, { 0 } },
};

static const struct gname maghreb_m[] = {
	{ "Mohamed", "محمد", NULL, { "Mohammed", "Muhammad" } },
	{ "Ahmed", "أحمد", NULL, { "Ahmad" } },
	{ "Wassim", "وسيم", NULL, { "Wasim" } },
	{ "Sami", "سامي", NULL, { 0 } },
	{ "Anis", "أنيس", NULL, { "Aniss" } },
	{ "Bilel", "بلال", NULL, { "Bilal" } },
	{ "Hamza", "حمزة", NULL, { "Hamzah" } },
	{ "Aymen", "أيمن", NULL, { "Ayman" } },
	{ "Karim", "كريم", NULL, { "Kareem" } },
	{ "Marwen", "مروان", NULL, { "Marwan" } },
	{ "Skander", "إسكندر", NULL, { "Iskander" } },
	{ "Nizar", "نزار", NULL, { 0 } },
	{ "Youssef", "يوسف", NULL, { "Yusuf", "Yousef" } },
	{ "Seifeddine", "سيف الدين", NULL, { "Saif al-Din" } },
	{ "Houssem", "حسام", NULL, { "Hussam" } },
};

static const struct gname maghreb_f[] = {
	{ "Ines", "إيناس", NULL, { "Inès" } },
	{ "Amira", "أميرة", NULL, { 0 } },
	{ "Sarra", "سارة", NULL, { "Sara" } },
	{ "Rahma", "رحمة", NULL, { 0 } },
	{ "Nour", "نور", NULL, { "Nur" } },
	{ "Asma", "أسماء", NULL, { "Asmaa" } },
	{ "Khaoula", "خولة", NULL, { "Khawla" } },
	{ "Mariem", "مريم", NULL, { "Maryam" } },
	{ "Salma", "سلمى", NULL, { 0 } },
	{ "Yosra", "يسرى", NULL, { "Yusra" } },
	{ "Chaima", "شيماء", NULL, { "Shaima" } },
	{ "Wafa", "وفاء", NULL, { 0 } },
	{ "Fatma", "فاطمة", NULL, { "Fatima" } },
	{ "Olfa", "ألفة", NULL, { "Ulfa" } },
};

static const struct gname persian_m[] = {
	{ "Reza", "رضا", NULL, { 0 } },
	{ "Mohsen", "محسن", NULL, { "Muhsin" } },
	{ "Mahdi", "مهدی", NULL, { "Mehdi" } },
	{ "Hossein", "حسین", NULL, { "Hosein", "Hussein" } },
	{ "Ali", "علی", NULL, { 0 } },
	{ "Amir", "امیر", NULL, { 0 } },
	{ "Saeed", "سعید", NULL, { "Said" } },
	{ "Hamid", "حمید", NULL, { 0 } },
	{ "Javad", "جواد", NULL, { "Jawad" } },
	{ "Morteza", "مرتضی", NULL, { "Murtaza" } },
	{ "Behrouz", "بهروز", NULL, { "Behruz" } },
	{ "Kaveh", "کاوه", NULL, { 0 } },
	{ "Omid", "امید", NULL, { 0 } },
	{ "Farhad", "فرهاد", NULL, { 0 } },
};

static const struct gname persian_f[] = {
	{ "Zahra", "زهرا", NULL, { 0 } },
	{ "Maryam", "مریم", NULL, { "Mariam" } },
	{ "Fatemeh", "فاطمه", NULL, { "Fatima" } },
	{ "Narges", "نرگس", NULL, { 0 } },
	{ "Leila", "لیلا", NULL, { "Layla" } },
	{ "Shirin", "شیرین", NULL, { 0 } },
	{ "Parisa", "پریسا", NULL, { 0 } },
	{ "Somayeh", "سمیه", NULL, { "Sumaya" } },
	{ "Elham", "الهام", NULL, { 0 } },
	{ "Mahsa", "مهسا", NULL, { 0 } },
	{ "Nasrin", "نسرین", NULL, { 0 } },
	{ "Roya", "رویا", NULL, { 0 } },
};

static const struct gname russian_m[] = {
	{ "Aleksandr", "Александр", NULL, { "Alexander", "Aleksander" } },
	{ "Dmitriy", "Дмитрий", NULL, { "Dmitry", "Dmitri" } },
	{ "Aleksey", "Алексей", NULL, { "Alexei", "Aleksei" } },
	{ "Ivan", "Иван", NULL, { 0 } },
	{ "Sergey", "Сергей", NULL, { "Sergei" } },
	{ "Nikolay", "Николай", NULL, { "Nikolai" } },
	{ "Denis", "Денис", NULL, { 0 } },
	{ "Artyom", "Артём", NULL, { "Artem", "Artiom" } },
	{ "Maksim", "Максим", NULL, { "Maxim" } },
	{ "Vadim", "Вадим", NULL, { 0 } },
	{ "Yevgeniy", "Евгений", NULL, { "Evgeny", "Evgeni" } },
	{ "Roman", "Роман", NULL, { 0 } },
};

static const struct gname russian_f[] = {
	{ "Elena", "Елена", NULL, { "Yelena" } },
	{ "Olga", "Ольга", NULL, { 0 } },
	{ "Kristina", "Кристина", NULL, { "Christina" } },
	{ "Yekaterina", "Екатерина", NULL, { "Ekaterina" } },
	{ "Anastasiya", "Анастасия", NULL, { "Anastasia" } },
	{ "Natalya", "Наталья", NULL, { "Natalia" } },
	{ "Yuliya", "Юлия", NULL, { "Julia", "Yulia" } },
	{ "Darya", "Дарья", NULL, { "Daria" } },
	{ "Irina", "Ирина", NULL, { 0 } },
	{ "Svetlana", "Светлана", NULL, { 0 } },
	{ "Varvara", "Варвара", NULL, { 0 } },
};

static const struct gname caucasus_m[] = {
	{ "Magomed", "Магомед", NULL, { "Mohammed", "Magomet" } },
	{ "Akhmed", "Ахмед", NULL, { "Ahmed", "Ahmad" } },
	{ "Ruslan", "Руслан", NULL, { 0 } },
	{ "Islam", "Ислам", NULL, { 0 } },
	{ "Zaurbek", "Заурбек", NULL, { 0 } },
	{ "Shamil", "Шамиль", NULL, { "Chamil" } },
	{ "Aslan", "Аслан", NULL, { 0 } },
	{ "Timur", "Тимур", NULL, { 0 } },
	{ "Rustam", "Рустам", NULL, { 0 } },
	{ "Said", "Саид", NULL, { "Saeed" } },
	{ "Khasan", "Хасан", NULL, { "Hasan" } },
	{ "Abdurakhman", "Абдурахман", NULL, { "Abdulrahman" } },
	{ "Murad", "Мурад", NULL, { "Murat" } },
	{ "Gadzhi", "Гаджи", NULL, { "Hajji" } },
	{ "Arbi", "Арби", NULL, { 0 } },
	{ "Umar", "Умар", NULL, { "Omar" } },
	{ "Adam", "Адам", NULL, { 0 } },
	{ "Ibragim", "Ибрагим", NULL, { "Ibrahim" } },
};

static const struct gname caucasus_f[] = {
	{ "Khadizhat", "Хадижат", NULL, { "Khadija" } },
	{ "Madina", "Мадина", NULL, { 0 } },
	{ "Zarema", "Зарема", NULL, { 0 } },
	{ "Aminat", "Аминат", NULL, { "Amina" } },
	{ "Patimat", "Патимат", NULL, { "Fatima" } },
	{ "Elina", "Элина", NULL, { 0 } },
	{ "Milana", "Милана", NULL, { 0 } },
	{ "Zaira", "Заира", NULL, { 0 } },
	{ "Aishat", "Айшат", NULL, { "Aisha" } },
	{ "Luiza", "Луиза", NULL, { "Louisa" } },
	{ "Kheda", "Хеда", NULL, { 0 } },
	{ "Seda", "Седа", NULL, { 0 } },
	{ "Malika", "Малика", NULL, { 0 } },
	{ "Zalina", "Залина", NULL, { 0 } },
};

static const struct gname uzbek_m[] = {
	{ "Bekzod", "Бекзод", NULL, { "Bekzot" } },
	{ "Jasur", "Жасур", NULL, { "Dzhasur" } },
	{ "Otabek", "Отабек", NULL, { 0 } },
	{ "Sardor", "Сардор", NULL, { 0 } },
	{ "Farrukh", "Фаррух", NULL, { "Farrux" } },
	{ "Sherzod", "Шерзод", NULL, { 0 } },
	{ "Dilshod", "Дилшод", NULL, { "Dilshad" } },
	{ "Jamshid", "Жамшид", NULL, { "Dzhamshid" } },
	{ "Akmal", "Акмал", NULL, { 0 } },
	{ "Bobur", "Бобур", NULL, { "Babur" } },
	{ "Alisher", "Алишер", NULL, { 0 } },
};

static const struct gname uzbek_f[] = {
	{ "Dilnoza", "Дилноза", NULL, { 0 } },
	{ "Gulnora", "Гулнора", NULL, { 0 } },
	{ "Shahnoza", "Шахноза", NULL, { "Shakhnoza" } },
	{ "Nodira", "Нодира", NULL, { 0 } },
	{ "Malika", "Малика", NULL, { 0 } },
	{ "Zarina", "Зарина", NULL, { 0 } },
	{ "Mohira", "Мохира", NULL, { 0 } },
	{ "Feruza", "Феруза", NULL, { 0 } },
	{ "Sevara", "Севара", NULL, { 0 } },
	{ "Umida", "Умида", NULL, { 0 } },
	{ "Nilufar", "Нилуфар", NULL, { 0 } },
};

static const struct gname kazakh_m[] = {
	{ "Nurlan", "Нурлан", NULL, { 0 } },
	{ "Yerlan", "Ерлан", NULL, { "Erlan" } },
	{ "Daulet", "Даулет", NULL, { 0 } },
	{ "Yerzhan", "Ержан", NULL, { "Erzhan" } },
	{ "Galymzhan", "Галымжан", NULL, { 0 } },
	{ "Askar", "Аскар", NULL, { "Asqar" } },
	{ "Marat", "Марат", NULL, { 0 } },
	{ "Nurzhan", "Нуржан", NULL, { 0 } },
	{ "Dauren", "Даурен", NULL, { 0 } },
	{ "Arman", "Арман", NULL, { 0 } },
	{ "Bauyrzhan", "Бауыржан", NULL, { "Baurzhan" } },
};

static const struct gname kazakh_f[] = {
	{ "Aizhan", "Айжан", NULL, { 0 } },
	{ "Dana", "Дана", NULL, { 0 } },
	{ "Asel", "Асель", NULL, { "Assel" } },
	{ "Aigerim", "Айгерим", NULL, { 0 } },
	{ "Gulnur", "Гульнур", NULL, { 0 } },
	{ "Saule", "Сауле", NULL, { 0 } },
	{ "Madina", "Мадина", NULL, { 0 } },
	{ "Zhanar", "Жанар", NULL, { 0 } },
	{ "Aruzhan", "Аружан", NULL, { 0 } },
	{ "Dinara", "Динара", NULL, { 0 } },
};

static const struct gname kyrgyz_m[] = {
	{ "Azamat", "Азамат", NULL, { 0 } },
	{ "Bakyt", "Бакыт", NULL, { "Bakit" } },
	{ "Nurbek", "Нурбек", NULL, { 0 } },
	{ "Aibek", "Айбек", NULL, { "Aybek" } },
	{ "Ulan", "Улан", NULL, { 0 } },
	{ "Kanat", "Канат", NULL, { 0 } },
	{ "Emil", "Эмиль", NULL, { 0 } },
	{ "Tilek", "Тилек", NULL, { 0 } },
	{ "Almaz", "Алмаз", NULL, { 0 } },
};

static const struct gname kyrgyz_f[] = {
	{ "Ainura", "Айнура", NULL, { "Aynura" } },
	{ "Cholpon", "Чолпон", NULL, { 0 } },
	{ "Aizada", "Айзада", NULL, { 0 } },
	{ "Begimai", "Бегимай", NULL, { 0 } },
	{ "Nazgul", "Назгуль", NULL, { 0 } },
	{ "Meerim", "Мээрим", NULL, { 0 } },
	{ "Gulzat", "Гулзат", NULL, { 0 } },
	{ "Jyldyz", "Жылдыз", NULL, { "Zhyldyz" } },
};

static const struct gname tajik_m[] = {
	{ "Firdavs", "Фирдавс", NULL, { 0 } },
	{ "Bahrom", "Бахром", NULL, { "Bakhrom" } },
	{ "Farhod", "Фарход", NULL, { "Farkhod" } },
	{ "Sukhrob", "Сухроб", NULL, { "Suhrob" } },
	{ "Rustam", "Рустам", NULL, { 0 } },
	{ "Umed", "Умед", NULL, { 0 } },
	{ "Daler", "Далер", NULL, { 0 } },
	{ "Parviz", "Парвиз", NULL, { 0 } },
	{ "Shahrom", "Шахром", NULL, { "Shakhrom" } },
	{ "Jamshed", "Джамшед", NULL, { "Dzhamshed" } },
};

static const struct gname tajik_f[] = {
	{ "Zarina", "Зарина", NULL, { 0 } },
	{ "Manizha", "Манижа", NULL, { 0 } },
	{ "Parvina", "Парвина", NULL, { 0 } },
	{ "Mehrubon", "Мехрубон", NULL, { 0 } },
	{ "Nigora", "Нигора", NULL, { 0 } },
	{ "Tahmina", "Тахмина", NULL, { "Takhmina" } },
	{ "Firuza", "Фируза", NULL, { 0 } },
	{ "Madina", "Мадина", NULL, { 0 } },
	{ "Sitora", "Ситора", NULL, { 0 } },
	{ "Gulnoza", "Гулноза", NULL, { 0 } },
};

/* Uyghur names in the Uyghur Latin script (ULY); the Arabic-script form
 * is transliterated, the Chinese form is the usual one in documents. */
static const struct gname uyghur_m[] = {
	{ "Memet", NULL, "买买提", { "Mamat", "Muhammad" } },
	{ "Ablikim", NULL, "阿不力克木", { "Ablekim" } },
	{ "Tursun", NULL, "吐尔逊", { 0 } },
	{ "Ehmet", NULL, "艾合买提", { "Ahmat", "Ahmet" } },
	{ "Abdulla", NULL, "阿不都拉", { "Abdullah" } },
	{ "Mehmut", NULL, "买合木提", { "Mahmut" } },
	{ "Nurmemet", NULL, "努尔买买提", { "Nurmamat" } },
	{ "Adil", NULL, "阿迪力", { 0 } },
	{ "Erkin", NULL, "艾尔肯", { "Arkin" } },
	{ "Abdurehim", NULL, "阿不都热依木", { "Abdurahim" } },
	{ "Qurban", NULL, "库尔班", { "Kurban" } },
	{ "Yasin", NULL, "亚森", { "Yasen" } },
};

static const struct gname uyghur_f[] = {
	{ "Gülnar", NULL, "古丽娜尔", { "Gulnar" } },
	{ "Aynur", NULL, "阿依努尔", { "Aynure" } },
	{ "Patigül", NULL, "帕提古丽", { "Patigul", "Fatigul" } },
	{ "Rozigül", NULL, "肉孜古丽", { "Rozigul" } },
	{ "Zeynep", NULL, "再乃甫", { "Zaynap" } },
	{ "Mihrigül", NULL, "米日古丽", { "Mihrigul" } },
	{ "Buayshem", NULL, "布阿依谢姆", { "Buaishem" } },
	{ "Nurgül", NULL, "努尔古丽", { "Nurgul" } },
	{ "Gülbahar", NULL, "古丽巴哈尔", { "Gulbahar" } },
	{ "Reyhan", NULL, "热依汗", { "Rayhan" } },
	{ "Ayshem", NULL, "阿依先木", { "Ayshe" } },
	{ "Aygül", NULL, "阿依古丽", { "Aygul" } },
};

static const struct gname turkish_m[] = {
	{ "Mehmet", NULL, NULL, { "Mehmed", "Muhammed" } },
	{ "Mustafa", NULL, NULL, { 0 } },
	{ "Ahmet", NULL, NULL, { "Ahmed" } },
	{ "İbrahim", NULL, NULL, { "Ibrahim" } },
	{ "Hüseyin", NULL, NULL, { "Huseyin", "Hussein" } },
	{ "Yusuf", NULL, NULL, { 0 } },
	{ "Emre", NULL, NULL, { 0 } },
	{ "Oğuz", NULL, NULL, { "Oguz" } },
	{ "Furkan", NULL, NULL, { 0 } },
	{ "Şükrü", NULL, NULL, { "Sukru" } },
	{ "Çağrı", NULL, NULL, { "Cagri" } },
	{ "Gökhan", NULL, NULL, { "Gokhan" } },
	{ "Ömer", NULL, NULL, { "Omer", "Omar" } },
	{ "Halil", NULL, NULL, { 0 } },
	{ "İsmail", NULL, NULL, { "Ismail" } },
	{ "Serkan", NULL, NULL, { 0 } },
	{ "Burak", NULL, NULL, { 0 } },
	{ "Enes", NULL, NULL, { 0 } },
	{ "Abdullah", NULL, NULL, { 0 } },
	{ "Muhammed", NULL, NULL, { "Mohammed" } },
};

static const struct gname turkish_f[] = {
	{ "Ayşe", NULL, NULL, { "Ayse", "Aisha" } },
	{ "Fatma", NULL, NULL, { "Fatima" } },
	{ "Zeynep", NULL, NULL, { 0 } },
	{ "Büşra", NULL, NULL, { "Busra" } },
	{ "Merve", NULL, NULL, { 0 } },
	{ "Elif", NULL, NULL, { 0 } },
	{ "Şeyma", NULL, NULL, { "Seyma", "Shaima" } },
	{ "Gülşen", NULL, NULL, { "Gulsen" } },
	{ "Hatice", NULL, NULL, { "Hadice", "Khadija" } },
	{ "Öznur", NULL, NULL, { "Oznur" } },
	{ "İrem", NULL, NULL, { "Irem" } },
	{ "Rabia", NULL, NULL, { 0 } },
	{ "Kübra", NULL, NULL, { "Kubra" } },
	{ "Sümeyye", NULL, NULL, { "Sumeyye", "Sumaya" } },
	{ "Esra", NULL, NULL, { 0 } },
	{ "Hacer", NULL, NULL, { "Hajar" } },
	{ "Emine", NULL, NULL, { 0 } },
};

static const struct gname french_m[] = {
	{ "Jérôme", NULL, NULL, { "Jerome" } },
	{ "Théo", NULL, NULL, { "Theo" } },
	{ "Noël", NULL, NULL, { "Noel" } },
	{ "Loïc", NULL, NULL, { "Loic" } },
	{ "Sébastien", NULL, NULL, { "Sebastien" } },
	{ "François", NULL, NULL, { "Francois" } },
	{ "Maxime", NULL, NULL, { 0 } },
	{ "Kévin", NULL, NULL, { "Kevin" } },
	{ "Mickaël", NULL, NULL, { "Mickael" } },
	{ "Hugo", NULL, NULL, { 0 } },
	{ "Rémi", NULL, NULL, { "Remi" } },
	{ "Benoît", NULL, NULL, { "Benoit" } },
	{ "Yanis", NULL, NULL, { 0 } },
	{ "Mehdi", NULL, NULL, { "Mahdi" } },
	{ "Florian", NULL, NULL, { 0 } },
};

static const struct gname french_f[] = {
	{ "Mélanie", NULL, NULL, { "Melanie" } },
	{ "Zoé", NULL, NULL, { "Zoe" } },
	{ "Chloé", NULL, NULL, { "Chloe" } },
	{ "Inès", NULL, NULL, { "Ines" } },
	{ "Léa", NULL, NULL, { "Lea" } },
	{ "Maëlle", NULL, NULL, { "Maelle" } },
	{ "Émilie", NULL, NULL, { "Emilie" } },
	{ "Océane", NULL, NULL, { "Oceane" } },
	{ "Hélène", NULL, NULL, { "Helene" } },
	{ "Margaux", NULL, NULL, { 0 } },
	{ "Céline", NULL, NULL, { "Celine" } },
	{ "Anaïs", NULL, NULL, { "Anais" } },
	{ "Sabrina", NULL, NULL, { 0 } },
	{ "Laëtitia", NULL, NULL, { "Laetitia" } },
	{ "Manon", NULL, NULL, { 0 } },
};

static const struct gname german_m[] = {
	{ "Jürgen", NULL, NULL, { "Juergen" } },
	{ "Jörg", NULL, NULL, { "Joerg" } },
	{ "Lukas", NULL, NULL, { 0 } },
	{ "Jonas", NULL, NULL, { 0 } },
	{ "Sören", NULL, NULL, { "Soeren" } },
	{ "Björn", NULL, NULL, { "Bjoern" } },
	{ "Dennis", NULL, NULL, { 0 } },
	{ "Marcel", NULL, NULL, { 0 } },
	{ "Kevin", NULL, NULL, { 0 } },
	{ "Fabian", NULL, NULL, { 0 } },
	{ "Timo", NULL, NULL, { 0 } },
	{ "Mirko", NULL, NULL, { 0 } },
	{ "Tobias", NULL, NULL, { 0 } },
};

static const struct gname german_f[] = {
	{ "Lena", NULL, NULL, { 0 } },
	{ "Sarah", NULL, NULL, { 0 } },
	{ "Jana", NULL, NULL, { 0 } },
	{ "Anja", NULL, NULL, { 0 } },
	{ "Lea", NULL, NULL, { 0 } },
	{ "Annika", NULL, NULL, { 0 } },
	{ "Mareike", NULL, NULL, { 0 } },
	{ "Sophie", NULL, NULL, { 0 } },
	{ "Jessica", NULL, NULL, { 0 } },
	{ "Chantal", NULL, NULL, { 0 } },
	{ "Nadine", NULL, NULL, { 0 } },
	{ "Jülide", NULL, NULL, { "Julide" } },
};

static const struct gname dutch_m[] = {
	{ "Daan", NULL, NULL, { 0 } },
	{ "Thijs", NULL, NULL, { 0 } },
	{ "Ruben", NULL, NULL, { 0 } },
	{ "Bram", NULL, NULL, { 0 } },
	{ "Joost", NULL, NULL, { 0 } },
	{ "Sven", NULL, NULL, { 0 } },
	{ "Niels", NULL, NULL, { 0 } },
	{ "Jeroen", NULL, NULL, { 0 } },
	{ "Wouter", NULL, NULL, { 0 } },
	{ "Sem", NULL, NULL, { 0 } },
};

static const struct gname dutch_f[] = {
	{ "Sanne", NULL, NULL, { 0 } },
	{ "Fleur", NULL, NULL, { 0 } },
	{ "Anouk", NULL, NULL, { 0 } },
	{ "Joëlle", NULL, NULL, { "Joelle" } },
	{ "Noémie", NULL, NULL, { "Noemie" } },
	{ "Eline", NULL, NULL, { 0 } },
	{ "Femke", NULL, NULL, { 0 } },
	{ "Lotte", NULL, NULL, { 0 } },
	{ "Iris", NULL, NULL, { 0 } },
	{ "Marloes", NULL, NULL, { 0 } },
	{ "Ilse", NULL, NULL, { 0 } },
};

static const struct gname english_m[] = {
	{ "Ryan", NULL, NULL, { 0 } },
	{ "Liam", NULL, NULL, { 0 } },
	{ "Jordan", NULL, NULL, { 0 } },
	{ "Thomas", NULL, NULL, { 0 } },
	{ "Callum", NULL, NULL, { 0 } },
	{ "Aaron", NULL, NULL, { 0 } },
	{ "Dean", NULL, NULL, { 0 } },
	{ "Kyle", NULL, NULL, { 0 } },
	{ "Jamie", NULL, NULL, { 0 } },
	{ "Connor", NULL, NULL, { 0 } },
};

static const struct gname english_f[] = {
	{ "Hannah", NULL, NULL, { 0 } },
	{ "Chloe", NULL, NULL, { 0 } },
	{ "Jade", NULL, NULL, { 0 } },
	{ "Leah", NULL, NULL, { 0 } },
	{ "Bethany", NULL, NULL, { 0 } },
	{ "Kirsty", NULL, NULL, { 0 } },
	{ "Zara", NULL, NULL, { 0 } },
	{ "Amber", NULL, NULL, { 0 } },
	{ "Megan", NULL, NULL, { 0 } },
};

struct glist {
	const struct gname *m, *f;
	uint8_t nm, nf;
};

#define GL(m, f) { m, f, (uint8_t)N(m), (uint8_t)N(f) }

static const struct glist given_lists[DC_COUNT] = {
	[DC_ARAB] = GL(arab_m, arab_f),
	[DC_MAGHREB] = GL(maghreb_m, maghreb_f),
	[DC_PERSIAN] = GL(persian_m, persian_f),
	[DC_RUSSIAN] = GL(russian_m, russian_f),
	[DC_CAUCASUS] = GL(caucasus_m, caucasus_f),
	[DC_UZBEK] = GL(uzbek_m, uzbek_f),
	[DC_KAZAKH] = GL(kazakh_m, kazakh_f),
	[DC_KYRGYZ] = GL(kyrgyz_m, kyrgyz_f),
	[DC_TAJIK] = GL(tajik_m, tajik_f),
	[DC_UYGHUR] = GL(uyghur_m, uyghur_f),
	[DC_TURKISH] = GL(turkish_m, turkish_f),
	[DC_FRENCH] = GL(french_m, french_f),
	[DC_GERMAN] = GL(german_m, german_f),
	[DC_DUTCH] = GL(dutch_m, dutch_f),
	[DC_ENGLISH] = GL(english_m, english_f),
};

/* --- invented family names ---------------------------------------------------- */

/* A syllable with its native form: Arabic or Persian script, or Chinese
 * characters for Uyghur names. NULL native: transliterate the Latin. */
struct syl {
	const char *latin, *native;
};

/* The last syllable may differ by sex ("-ov"/"-ova"). */
struct end_syl {
	const char *m, *f, *native;
};

static const struct syl arab_a[] = {
	{ "Qar", "قر" }, { "Zub", "زب" }, { "Kham", "خم" }, { "Dar", "در" },
	{ "Sal", "صل" }, { "Taw", "طو" }, { "Jab", "جب" }, { "Naf", "نف" },
	{ "Rash", "رش" }, { "Ghaz", "غز" }, { "Hum", "حم" }, { "Bar", "بر" },
	{ "Shuq", "شق" }, { "Wad", "ود" },
};
static const struct syl arab_b[] = {
	{ "zel", "زل" }, { "ban", "بان" }, { "dur", "دور" }, { "mak", "مك" },
	{ "rif", "ريف" }, { "tal", "تل" }, { "sun", "سن" }, { "qum", "قم" },
	{ "fid", "فيد" }, { "ra", "را" }, { "wen", "ون" }, { "hil", "هل" },
};
static const struct end_syl arab_c[] = {
	{ "ani", "ani", "اني" }, { "awi", "awi", "اوي" }, { "i", "i", "ي" },
	{ "ari", "ari", "اري" }, { "adi", "adi", "ادي" }, { "ji", "ji", "جي" },
	{ "uni", "uni", "وني" },
};
static const struct end_syl maghreb_c[] = {
	{ "ouni", "ouni", "وني" }, { "aoui", "aoui", "اوي" }, { "i", "i", "ي" },
	{ "ani", "ani", "اني" }, { "ouli", "ouli", "ولي" },
};
static const struct syl persian_a[] = {
	{ "Kar", "کر" }, { "Dar", "در" }, { "Sham", "شم" }, { "Neh", "نه" },
	{ "Bar", "بر" }, { "Gol", "گل" }, { "Tah", "ته" }, { "Zar", "زر" },
	{ "Mas", "مس" }, { "Far", "فر" },
};
static const struct syl persian_b[] = {
	{ "van", "وان" }, { "za", "زا" }, { "rud", "رود" }, { "mas", "ماس" },
	{ "bak", "باک" }, { "shid", "شید" },
};
static const struct end_syl persian_c[] = {
	{ "i", "i", "ی" }, { "zadeh", "zadeh", "زاده" }, { "pour", "pour", "پور" },
	{ "nejad", "nejad", "نژاد" }, { "far", "far", "فر" }, { "ani", "ani", "انی" },
};

static const struct syl russian_a[] = {
	{ "Vos", 0 }, { "Zel", 0 }, { "Brak", 0 }, { "Tum", 0 }, { "Mur", 0 },
	{ "Zhar", 0 }, { "Gor", 0 }, { "Pel", 0 }, { "Dub", 0 }, { "Kirz", 0 },
	{ "Shal", 0 }, { "Tag", 0 }, { "Yar", 0 }, { "Lub", 0 }, { "Ost", 0 },
};
static const struct syl russian_b[] = {
	{ "trik", 0 }, { "ven", 0 }, { "dyr", 0 }, { "ush", 0 }, { "mal", 0 },
	{ "gar", 0 }, { "zet", 0 }, { "bud", 0 }, { "chin", 0 }, { "lom", 0 },
	{ "ryag", 0 },
};
static const struct end_syl russian_c[] = {
	{ "anov", "anova", 0 }, { "ikov", "ikova", 0 }, { "ov", "ova", 0 },
	{ "in", "ina", 0 }, { "itskiy", "itskaya", 0 }, { "ev", "eva", 0 },
};
static const struct syl caucasus_a[] = {
	{ "Khas", 0 }, { "Umal", 0 }, { "Dzhum", 0 }, { "Bet", 0 }, { "Tsar", 0 },
	{ "Gaz", 0 }, { "Shak", 0 }, { "Aslam", 0 }, { "Tut", 0 }, { "Mazh", 0 },
	{ "Zau", 0 },
};
static const struct syl caucasus_b[] = {
	{ "ud", 0 }, { "al", 0 }, { "ag", 0 }, { "ir", 0 }, { "bek", 0 },
	{ "ur", 0 }, { "im", 0 },
};
static const struct end_syl caucasus_c[] = {
	{ "aev", "aeva", 0 }, { "ov", "ova", 0 }, { "iev", "ieva", 0 },
	{ "ilov", "ilova", 0 }, { "urov", "urova", 0 },
};
static const struct syl uzbek_a[] = {
	{ "Tolq", 0 }, { "Urg", 0 }, { "Zhum", 0 }, { "Sarv", 0 }, { "Khud", 0 },
	{ "Bekm", 0 }, { "Nazr", 0 }, { "Qam", 0 }, { "Erg", 0 }, { "Shoh", 0 },
};
static const struct syl central_b[] = {
	{ "ur", 0 }, { "al", 0 }, { "on", 0 }, { "ib", 0 }, { "at", 0 },
	{ "im", 0 },
};
static const struct end_syl uzbek_c[] = {
	{ "ov", "ova", 0 }, { "ev", "eva", 0 }, { "boev", "boeva", 0 },
	{ "aliev", "alieva", 0 },
};
static const struct syl kazakh_a[] = {
	{ "Nurg", 0 }, { "Tol", 0 }, { "Zhan", 0 }, { "Sar", 0 }, { "Kal", 0 },
	{ "Yerb", 0 }, { "Bat", 0 }, { "Ush", 0 },
};
static const struct end_syl kazakh_c[] = {
	{ "ov", "ova", 0 }, { "ev", "eva", 0 }, { "uly", "kyzy", 0 },
};
static const struct syl kyrgyz_a[] = {
	{ "Bakt", 0 }, { "Turd", 0 }, { "Zhyl", 0 }, { "Kub", 0 }, { "Sagyn", 0 },
	{ "Mamb", 0 }, { "Tyn", 0 },
};
static const struct end_syl kyrgyz_c[] = {
	{ "ov", "ova", 0 }, { "bekov", "bekova", 0 }, { "uulu", "kyzy", 0 },
};
static const struct syl tajik_a[] = {
	{ "Rah", 0 }, { "Dav", 0 }, { "Khur", 0 }, { "Qod", 0 }, { "Mirz", 0 },
	{ "Sab", 0 }, { "Nos", 0 }, { "Zuhr", 0 },
};
static const struct end_syl tajik_c[] = {
	{ "ov", "ova", 0 }, { "zoda", "zoda", 0 }, { "iyon", "iyon", 0 },
};
static const struct syl uyghur_a[] = {
	{ "Qar", "卡尔" }, { "Tu", "吐" }, { "Ya", "亚" }, { "Ker", "克尔" },
	{ "Sa", "萨" }, { "Ha", "哈" }, { "Mu", "木" }, { "Ab", "阿布" },
};
static const struct syl uyghur_b[] = {
	{ "zel", "再力" }, { "man", "曼" }, { "dil", "迪力" }, { "rek", "热克" },
	{ "sun", "逊" }, { "lik", "力克" },
};
static const struct end_syl uyghur_c[] = {
	{ "jan", "jan", "江" }, { "niyaz", "niyaz", "尼亚孜" }, { "bek", "bek", "别克" },
	{ "tay", "tay", "台" }, { "shah", "shah", "夏" }, { "doz", "doz", "多孜" },
};
static const struct syl turkish_a[] = {
	{ "Düm", 0 }, { "Kır", 0 }, { "Vel", 0 }, { "Karg", 0 }, { "Sım", 0 },
	{ "Turg", 0 }, { "Bez", 0 }, { "Yav", 0 }, { "Cöm", 0 }, { "Fer", 0 },
	{ "Zıl", 0 }, { "Göç", 0 }, { "Pür", 0 }, { "Hoz", 0 },
};
static const struct syl turkish_b[] = {
	{ "el", 0 }, { "ar", 0 }, { "ün", 0 }, { "ış", 0 }, { "ok", 0 },
	{ "em", 0 }, { "il", 0 },
};
static const struct end_syl turkish_c[] = {
	{ "kaya", "kaya", 0 }, { "oğlu", "oğlu", 0 }, { "taş", "taş", 0 },
	{ "demir", "demir", 0 }, { "soy", "soy", 0 }, { "gil", "gil", 0 },
	{ "türk", "türk", 0 }, { "han", "han", 0 }, { "can", "can", 0 },
	{ "bay", "bay", 0 }, { "çi", "çi", 0 },
};
static const struct syl french_a[] = {
	{ "Vau", 0 }, { "Les", 0 }, { "Quen", 0 }, { "Bou", 0 }, { "Cham", 0 },
	{ "Ter", 0 }, { "Gri", 0 }, { "Pel", 0 }, { "Ros", 0 }, { "Mau", 0 },
	{ "Flo", 0 },
};
static const struct syl french_b[] = {
	{ "dre", 0 }, { "com", 0 }, { "vil", 0 }, { "gel", 0 }, { "ray", 0 },
	{ "bri", 0 }, { "tr", 0 },
};
static const struct end_syl french_c[] = {
	{ "net", "net", 0 }, { "ière", "ière", 0 }, { "eau", "eau", 0 },
	{ "ard", "ard", 0 }, { "ot", "ot", 0 }, { "ac", "ac", 0 },
	{ "ès", "ès", 0 }, { "in", "in", 0 },
};
static const struct syl german_a[] = {
	{ "Quetz", 0 }, { "Brüll", 0 }, { "Zind", 0 }, { "Wölk", 0 },
	{ "Harp", 0 }, { "Murx", 0 }, { "Stöb", 0 }, { "Pflau", 0 },
	{ "Gern", 0 }, { "Kütt", 0 }, { "Rab", 0 },
};
static const struct syl german_b[] = {
	{ "en", 0 }, { "el", 0 }, { "a", 0 }, { "i", 0 }, { "er", 0 },
};
static const struct end_syl german_c[] = {
	{ "bach", "bach", 0 }, { "hoff", "hoff", 0 }, { "ler", "ler", 0 },
	{ "stadt", "stadt", 0 }, { "berg", "berg", 0 }, { "kamp", "kamp", 0 },
	{ "inger", "inger", 0 }, { "mann", "mann", 0 },
};
static const struct syl dutch_a[] = {
	{ "Kwel", 0 }, { "Bruis", 0 }, { "Sprok", 0 }, { "Hoev", 0 },
	{ "Tijl", 0 }, { "Grob", 0 }, { "Vliem", 0 }, { "Duif", 0 },
	{ "Smeur", 0 },
};
static const struct syl dutch_b[] = {
	{ "e", 0 }, { "el", 0 }, { "er", 0 }, { "o", 0 },
};
static const struct end_syl dutch_c[] = {
	{ "ink", "ink", 0 }, { "ma", "ma", 0 }, { "ns", "ns", 0 },
	{ "stra", "stra", 0 }, { "hof", "hof", 0 }, { "rt", "rt", 0 },
	{ "dijk", "dijk", 0 }, { "kes", "kes", 0 },
};
static const struct syl english_a[] = {
	{ "Thrum", 0 }, { "Ash", 0 }, { "Gref", 0 }, { "Pell", 0 },
	{ "Wick", 0 }, { "Quill", 0 }, { "Stam", 0 }, { "Brack", 0 },
	{ "Hollo", 0 },
};
static const struct syl english_b[] = {
	{ "ble", 0 }, { "er", 0 }, { "ing", 0 }, { "en", 0 },
};
static const struct end_syl english_c[] = {
	{ "ford", "ford", 0 }, { "ham", "ham", 0 }, { "ton", "ton", 0 },
	{ "by", "by", 0 }, { "well", "well", 0 }, { "cote", "cote", 0 },
	{ "thwaite", "thwaite", 0 },
};

static const struct syl arab_prefix[] = { { "", "" }, { "al-", "ال" } };
static const struct syl maghreb_prefix[] = { { "", "" }, { "Ben ", "بن " } };
static const struct syl dutch_prefix[] = {
	{ "", 0 }, { "van ", 0 }, { "de ", 0 }, { "van der ", 0 }, { "van den ", 0 },
};
static const struct syl no_prefix[] = { { "", "" } };

enum script { SC_LATIN_ONLY, SC_TURKISH, SC_ARABIC, SC_CYRILLIC, SC_UYGHUR };

struct slist {
	const struct syl *pre, *a, *b;
	const struct end_syl *c;
	uint8_t npre, na, nb, nc;
	uint8_t script;
};

#define SL(pre, a, b, c, sc) \
	{ pre, a, b, c, (uint8_t)N(pre), (uint8_t)N(a), (uint8_t)N(b), \
	  (uint8_t)N(c), sc }

static const struct slist surname_lists[DC_COUNT] = {
	[DC_ARAB] = SL(arab_prefix, arab_a, arab_b, arab_c, SC_ARABIC),
	[DC_MAGHREB] = SL(maghreb_prefix, arab_a, arab_b, maghreb_c, SC_ARABIC),
	[DC_PERSIAN] = SL(no_prefix, persian_a, persian_b, persian_c, SC_ARABIC),
	[DC_RUSSIAN] = SL(no_prefix, russian_a, russian_b, russian_c, SC_CYRILLIC),
	[DC_CAUCASUS] = SL(no_prefix, caucasus_a, caucasus_b, caucasus_c, SC_CYRILLIC),
	[DC_UZBEK] = SL(no_prefix, uzbek_a, central_b, uzbek_c, SC_CYRILLIC),
	[DC_KAZAKH] = SL(no_prefix, kazakh_a, central_b, kazakh_c, SC_CYRILLIC),
	[DC_KYRGYZ] = SL(no_prefix, kyrgyz_a, central_b, kyrgyz_c, SC_CYRILLIC),
	[DC_TAJIK] = SL(no_prefix, tajik_a, central_b, tajik_c, SC_CYRILLIC),
	[DC_UYGHUR] = SL(no_prefix, uyghur_a, uyghur_b, uyghur_c, SC_UYGHUR),
	[DC_TURKISH] = SL(no_prefix, turkish_a, turkish_b, turkish_c, SC_TURKISH),
	[DC_FRENCH] = SL(no_prefix, french_a, french_b, french_c, SC_LATIN_ONLY),
	[DC_GERMAN] = SL(no_prefix, german_a, german_b, german_c, SC_LATIN_ONLY),
	[DC_DUTCH] = SL(dutch_prefix, dutch_a, dutch_b, dutch_c, SC_LATIN_ONLY),
	[DC_ENGLISH] = SL(no_prefix, english_a, english_b, english_c, SC_LATIN_ONLY),
};

void
demo_surname_pick(struct demo_rng *r, enum demo_culture c, struct demo_surname *s)
{
	const struct slist *l = &surname_lists[c];

	s->culture = (uint8_t)c;
	/* about half the Arabic names carry the article, fewer a "Ben" */
	s->prefix = (uint8_t)(l->npre > 1 ? demo_rng_below(r, l->npre) : 0);
	s->a = (uint8_t)demo_rng_below(r, l->na);
	s->b = (uint8_t)demo_rng_below(r, l->nb);
	s->c = (uint8_t)demo_rng_below(r, l->nc);
}

void
demo_given_pick(struct demo_rng *r, enum demo_culture c, bool female,
                struct demo_given *g)
{
	const struct glist *l = &given_lists[c];

	g->culture = (uint8_t)c;
	g->female = female;
	g->idx = (uint8_t)demo_rng_below(r, female ? l->nf : l->nm);
}

static const struct gname *
given_entry(const struct demo_given *g)
{
	const struct glist *l = &given_lists[g->culture];

	return g->female ? &l->f[g->idx] : &l->m[g->idx];
}

const char *
demo_given_latin(const struct demo_given *g)
{
	return given_entry(g)->latin;
}

const char *
demo_given_variant(const struct demo_given *g, unsigned variant)
{
	const struct gname *e = given_entry(g);
	unsigned n = 0;

	while (n < 3 && e->var[n])
		n++;
	return n ? e->var[variant % n] : NULL;
}

const char *
demo_given_cjk(const struct demo_given *g)
{
	return given_entry(g)->cjk;
}

/* --- transliteration ----------------------------------------------------------- */

struct tr_rule {
	const char *from, *to;
	bool vowel;   /* Uyghur: a vowel takes a hamza carrier after a vowel
	               * or at a word's start */
};

/* Latin (as this file spells Slavic and Central Asian names) to
 * Cyrillic, lower case; longest match first. */
static const struct tr_rule cyr_rules[] = {
	{ "shch", "щ", 0 }, { "zh", "ж", 0 }, { "kh", "х", 0 }, { "ts", "ц", 0 },
	{ "ch", "ч", 0 }, { "sh", "ш", 0 }, { "ya", "я", 1 }, { "yu", "ю", 1 },
	{ "yo", "ё", 1 }, { "ye", "е", 1 }, { "y", "ы", 0 },
	{ "a", "а", 1 }, { "b", "б", 0 }, { "v", "в", 0 }, { "g", "г", 0 },
	{ "d", "д", 0 }, { "e", "е", 1 }, { "z", "з", 0 }, { "i", "и", 1 },
	{ "j", "дж", 0 }, { "k", "к", 0 }, { "l", "л", 0 }, { "m", "м", 0 },
	{ "n", "н", 0 }, { "o", "о", 1 }, { "p", "п", 0 }, { "r", "р", 0 },
	{ "s", "с", 0 }, { "t", "т", 0 }, { "u", "у", 1 }, { "f", "ф", 0 },
	{ "h", "х", 0 }, { "q", "к", 0 }, { "x", "кс", 0 }, { "w", "в", 0 },
	{ "c", "к", 0 },
};

/* Uyghur Latin (ULY) to Uyghur Arabic script (UEY). */
static const struct tr_rule uy_rules[] = {
	{ "ch", "چ", 0 }, { "sh", "ش", 0 }, { "gh", "غ", 0 }, { "ng", "ڭ", 0 },
	{ "zh", "ژ", 0 }, { "kh", "خ", 0 },
	{ "a", "ا", 1 }, { "e", "ە", 1 }, { "b", "ب", 0 }, { "p", "پ", 0 },
	{ "t", "ت", 0 }, { "j", "ج", 0 }, { "x", "خ", 0 }, { "d", "د", 0 },
	{ "r", "ر", 0 }, { "z", "ز", 0 }, { "s", "س", 0 }, { "f", "ف", 0 },
	{ "q", "ق", 0 }, { "k", "ك", 0 }, { "g", "گ", 0 }, { "l", "ل", 0 },
	{ "m", "م", 0 }, { "n", "ن", 0 }, { "h", "ھ", 0 }, { "o", "و", 1 },
	{ "u", "ۇ", 1 }, { "ö", "ۆ", 1 }, { "ü", "ۈ", 1 }, { "w", "ۋ", 0 },
	{ "v", "ۋ", 0 }, { "ë", "ې", 1 }, { "i", "ى", 1 }, { "y", "ي", 0 },
};

static char
lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does the lower-cased s start with rule text r? */
static size_t
match(const char *s, const char *r)
{
	size_t i = 0;

	for (; r[i]; i++)
		if (lower_ascii(s[i]) != r[i])
			return 0;
	return i;
}

/* Upper-cases a two-byte Cyrillic letter in place (а-я, ё). */
static void
cyr_upper(char *p)
{
	unsigned cp = ((unsigned)(p[0] & 0x1f) << 6) | (unsigned)(p[1] & 0x3f);

	if (cp >= 0x430 && cp <= 0x44f)
		cp -= 0x20;
	else if (cp == 0x451)
		cp = 0x401;
	else
		return;
	p[0] = (char)(0xc0 | (cp >> 6));
	p[1] = (char)(0x80 | (cp & 0x3f));
}

static void
translit(struct out *o, const char *s, bool uyghur)
{
	const struct tr_rule *rules = uyghur ? uy_rules : cyr_rules;
	size_t nrules = uyghur ? N(uy_rules) : N(cyr_rules);
	bool word_start = true, prev_vowel = false;

	while (*s) {
		size_t i, n = 0;

		if (*s == ' ' || *s == '-') {
			put_n(o, s, 1);
			s++;
			word_start = true;
			prev_vowel = false;
			continue;
		}
		for (i = 0; i < nrules; i++)
			if ((n = match(s, rules[i].from)) != 0)
				break;
		if (i == nrules) {
			/* a letter outside the tables: skip the whole character */
			s++;
			while ((*s & 0xc0) == 0x80)
				s++;
			continue;
		}
		if (uyghur) {
			if (rules[i].vowel && (word_start || prev_vowel))
				put(o, "ئ");
			put(o, rules[i].to);
		} else if (lower_ascii(*s) == 'y' && n == 1) {
			/* "y" is a short i after a vowel, a hard one after a consonant */
			put(o, prev_vowel ? "й" : "ы");
		} else {
			size_t at = o->len;

			put(o, rules[i].to);
			if (word_start && o->len > at)
				cyr_upper(o->buf + at);
		}
		prev_vowel = rules[i].vowel;
		word_start = false;
		s += n;
	}
}

size_t
demo_surname_latin(const struct demo_surname *s, bool female, char *buf, size_t len)
{
	const struct slist *l = &surname_lists[s->culture];
	struct out o = out_init(buf, len);

	put(&o, l->pre[s->prefix].latin);
	put(&o, l->a[s->a].latin);
	put(&o, l->b[s->b].latin);
	put(&o, female ? l->c[s->c].f : l->c[s->c].m);
	return o.len;
}

size_t
demo_surname_native(const struct demo_surname *s, bool female, char *buf, size_t len)
{
	const struct slist *l = &surname_lists[s->culture];
	struct out o = out_init(buf, len);
	char latin[96];

	switch (l->script) {
	case SC_ARABIC:
		put(&o, l->pre[s->prefix].native);
		put(&o, l->a[s->a].native);
		put(&o, l->b[s->b].native);
		put(&o, l->c[s->c].native);
		break;
	case SC_CYRILLIC:
	case SC_UYGHUR:
		demo_surname_latin(s, female, latin, sizeof latin);
		translit(&o, latin, l->script == SC_UYGHUR);
		break;
	case SC_TURKISH:
		demo_surname_latin(s, female, buf, len);
		return strlen(buf);
	default:
		break;
	}
	return o.len;
}

size_t
demo_given_native(const struct demo_given *g, char *buf, size_t len)
{
	const struct gname *e = given_entry(g);
	struct out o = out_init(buf, len);

	if (e->native)
		put(&o, e->native);
	else if (g->culture == DC_UYGHUR)
		translit(&o, e->latin, true);
	else if (g->culture == DC_TURKISH)
		put(&o, e->latin);
	return o.len;
}

size_t
demo_surname_cjk(const struct demo_surname *s, char *buf, size_t len)
{
	const struct slist *l = &surname_lists[s->culture];
	struct out o = out_init(buf, len);

	if (l->script == SC_UYGHUR) {
		put(&o, l->a[s->a].native);
		put(&o, l->b[s->b].native);
		put(&o, l->c[s->c].native);
	}
	return o.len;
}

/* --- spelling variants ------------------------------------------------------- */

/* Replacement systems for Latin spellings: German, French and older
 * English conventions for names from Cyrillic; common variants for
 * Arabic and Persian ones; plain ASCII for diacritics (as machine-read
 * document zones print them). */
static const struct tr_rule var_de[] = {
	{ "shch", "schtsch", 0 }, { "zh", "sch", 0 }, { "kh", "ch", 0 },
	{ "ch", "tsch", 0 }, { "sh", "sch", 0 }, { "ts", "z", 0 }, { "v", "w", 0 },
	{ "y", "j", 0 },
};
static const struct tr_rule var_fr[] = {
	{ "zh", "j", 0 }, { "ch", "tch", 0 }, { "sh", "ch", 0 }, { "u", "ou", 0 },
	{ "y", "i", 0 },
};
static const struct tr_rule var_en[] = {
	{ "kh", "h", 0 }, { "aev", "ayev", 0 }, { "iev", "iyev", 0 },
	{ "ev", "yev", 0 }, { "q", "k", 0 },
};
static const struct tr_rule var_arab[] = {
	{ "al-", "el-", 0 }, { "q", "k", 0 }, { "ou", "u", 0 }, { "aw", "ao", 0 },
};
static const struct tr_rule var_arab2[] = {
	{ "al-", "al ", 0 }, { "sh", "ch", 0 }, { "kh", "h", 0 }, { "ou", "u", 0 },
	{ "q", "k", 0 },
};
static const struct tr_rule var_ascii[] = {
	{ "ı", "i", 0 }, { "İ", "I", 0 }, { "ş", "s", 0 }, { "Ş", "S", 0 },
	{ "ğ", "g", 0 }, { "ç", "c", 0 }, { "Ç", "C", 0 }, { "ö", "o", 0 },
	{ "Ö", "O", 0 }, { "ü", "u", 0 }, { "Ü", "U", 0 }, { "é", "e", 0 },
	{ "è", "e", 0 }, { "ë", "e", 0 }, { "ï", "i", 0 }, { "ô", "o", 0 },
	{ "q", "k", 0 }, { "zh", "j", 0 },
};
static const struct tr_rule var_de_umlaut[] = {
	{ "ä", "ae", 0 }, { "ö", "oe", 0 }, { "ü", "ue", 0 }, { "ß", "ss", 0 },
	{ "è", "e", 0 }, { "é", "e", 0 },
};

/* Rewrites one piece through rules; the piece's first letter keeps its
 * case when it was an ASCII capital. */
static void
rewrite(struct out *o, const char *s, const struct tr_rule *rules, size_t n)
{
	bool cap = *s >= 'A' && *s <= 'Z';
	size_t start = o->len;

	while (*s) {
		size_t i, m = 0;

		for (i = 0; i < n; i++)
			if ((m = match(s, rules[i].from)) != 0)
				break;
		if (i < n) {
			put(o, rules[i].to);
			s += m;
		} else {
			size_t k = 1;

			while ((s[k] & 0xc0) == 0x80)
				k++;
			put_n(o, s, k);
			s += k;
		}
	}
	if (cap && o->len > start && o->buf[start] >= 'a' && o->buf[start] <= 'z')
		o->buf[start] = (char)(o->buf[start] - 'a' + 'A');
}

size_t
demo_surname_variant(const struct demo_surname *s, bool female, int style,
                     char *buf, size_t len)
{
	const struct slist *l = &surname_lists[s->culture];
	const struct tr_rule *rules;
	size_t n;
	struct out o = out_init(buf, len);
	char latin[96];

	switch (s->culture) {
	case DC_RUSSIAN: case DC_CAUCASUS: case DC_UZBEK: case DC_KAZAKH:
	case DC_KYRGYZ: case DC_TAJIK:
		rules = style % 3 == 0 ? var_de : style % 3 == 1 ? var_fr : var_en;
		n = style % 3 == 0 ? N(var_de) : style % 3 == 1 ? N(var_fr) : N(var_en);
		break;
	case DC_ARAB: case DC_MAGHREB: case DC_PERSIAN:
		rules = style % 2 ? var_arab2 : var_arab;
		n = style % 2 ? N(var_arab2) : N(var_arab);
		break;
	case DC_GERMAN:
		rules = var_de_umlaut;
		n = N(var_de_umlaut);
		break;
	default:
		rules = var_ascii;
		n = N(var_ascii);
		break;
	}
	rewrite(&o, l->pre[s->prefix].latin, rules, n);
	rewrite(&o, l->a[s->a].latin, rules, n);
	rewrite(&o, l->b[s->b].latin, rules, n);
	rewrite(&o, female ? l->c[s->c].f : l->c[s->c].m, rules, n);
	demo_surname_latin(s, female, latin, sizeof latin);
	if (strcmp(latin, buf) == 0) {
		if (len)
			buf[0] = '\0';
		return 0;
	}
	return o.len;
}

/* --- kunyas ------------------------------------------------------------------ */

/* A kunya names the eldest son: "Abu Hamza", "Umm Hamza". */
static const char *const kunya_names[] = {
	"Hamza", "Yusuf", "Khalid", "Talha", "Zubair", "Ubaida", "Abdurrahman",
	"Suleiman", "Harun", "Idris", "Ibrahim", "Yahya", "Musa", "Umar",
};

size_t
demo_kunya(struct demo_rng *r, bool female, const char *child_name, char *buf,
           size_t len)
{
	struct out o = out_init(buf, len);

	put(&o, female ? "Umm " : "Abu ");
	put(&o, child_name ? child_name
	        : kunya_names[demo_rng_below(r, (uint32_t)N(kunya_names))]);
	return o.len;
}
