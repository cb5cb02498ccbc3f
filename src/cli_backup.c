/* cli_backup.c: casepath backup and restore, the encrypted copies
 * (vault.h) and the passphrase that keys them.
 *
 * Plaintext never outlives the command: the backup's snapshot lives in
 * a private 0700 directory and is removed on success, on error and on
 * SIGINT, SIGTERM or SIGHUP; the restore's decrypted copy sits next to
 * the database it may replace, with the same 0600 mode, and is removed
 * unless it becomes that database. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "casepath/cli.h"
#include "casepath/digest.h"
#include "casepath/i18n.h"
#include "casepath/store.h"
#include "casepath/util.h"
#include "casepath/vault.h"

#define PASS_MAX 1024

/* --- what a signal must clean up ------------------------------------------ */

/* Files removed (in order) and a directory removed last when the
 * command is interrupted; plain arrays, so the handler only calls
 * unlink, rmdir and tcsetattr, which are async-signal-safe. */
static char doomed[6][4160];
static char doomed_dir[4096];
static volatile sig_atomic_t tty_saved;
static struct termios tty_mode;
static int tty_fd = -1;

static void
cleanup_now(void)
{
	for (size_t i = 0; i < sizeof doomed / sizeof doomed[0]; i++)
		if (doomed[i][0])
			unlink(doomed[i]);
	if (doomed_dir[0])
		rmdir(doomed_dir);
}

static void
on_signal(int sig)
{
	if (tty_saved)
		tcsetattr(tty_fd, TCSAFLUSH, &tty_mode);
	cleanup_now();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
guard_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* Registers base and the files SQLite may put beside it. */
static void
doom_database(const char *base)
{
	static const char *const tails[] = { "", "-journal", "-wal", "-shm" };
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	for (size_t i = 0; i < 4; i++)
		snprintf(doomed[i], sizeof doomed[i], "%s%s", base, tails[i]);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void
doom_file(int slot, const char *path)
{
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	snprintf(doomed[slot], sizeof doomed[slot], "%s", path ? path : "");
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void
forget_doomed(void)
{
	sigset_t all, old;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	memset(doomed, 0, sizeof doomed);
	doomed_dir[0] = '\0';
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* --- the passphrase ---------------------------------------------------------- */

/* A passphrase in guarded memory (sodium_malloc: no swap, wiped when
 * freed). */
struct pass {
	char *buf;
	size_t len;
};

static void
pass_free(struct pass *p)
{
	if (p->buf)
		sodium_free(p->buf);
	p->buf = NULL;
	p->len = 0;
}

/* Reads one line (without its newline) from fd into p. -1 on an error,
 * 0 at once at the end of input, else 1. */
static int
read_line(int fd, struct pass *p)
{
	size_t n = 0;
	char ch;

	p->buf = sodium_malloc(PASS_MAX);
	if (!p->buf)
		abort();
	for (;;) {
		ssize_t r = read(fd, &ch, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			pass_free(p);
			return -1;
		}
		if (r == 0 && n == 0) {
			p->len = 0;
			return 0;
		}
		if (r == 0 || ch == '\n')
			break;
		if (n + 1 < PASS_MAX)
			p->buf[n++] = ch;
	}
	if (n > 0 && p->buf[n - 1] == '\r')
		n--;
	p->buf[n] = '\0';
	p->len = n;
	return 1;
}

/* Asks on the controlling terminal with echo off. */
static int
ask_tty(const char *prompt, struct pass *p)
{
	struct termios quiet;
	int rc;

	if (tty_fd < 0 && (tty_fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return -1;
	if (tcgetattr(tty_fd, &tty_mode) != 0)
		return -1;
	quiet = tty_mode;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	tty_saved = 1;
	if (tcsetattr(tty_fd, TCSAFLUSH, &quiet) != 0) {
		tty_saved = 0;
		return -1;
	}
	if (write(tty_fd, prompt, strlen(prompt)) < 0) {
		/* the prompt is a courtesy; reading still works */
	}
	rc = read_line(tty_fd, p);
	tcsetattr(tty_fd, TCSAFLUSH, &tty_mode);
	tty_saved = 0;
	if (write(tty_fd, "\n", 1) < 0) {
		/* as above */
	}
	return rc;
}

/* Characters, not bytes: a passphrase in Arabic or Russian counts as
 * many as it shows. */
static size_t
count_chars(const struct pass *p)
{
	size_t n = 0;

	for (size_t i = 0; i < p->len; i++)
		if (((unsigned char)p->buf[i] & 0xC0) != 0x80)
			n++;
	return n;
}

/* The passphrase from fd (>= 0: one line) or the terminal (asked twice
 * when confirm). Prints why not and returns false on failure. */
static bool
get_passphrase(int fd, bool confirm, struct pass *p)
{
	int rc;

	if (fd >= 0) {
		rc = read_line(fd, p);
		if (rc < 0) {
			cli_error(_("cannot read the passphrase from file descriptor %d: %s"),
			          fd, strerror(errno));
			return false;
		}
	} else {
		rc = ask_tty(_("Passphrase: "), p);
		if (rc < 0) {
			cli_error(_("no terminal to ask for the passphrase on; give it with"
			            " --passphrase-fd N"));
			return false;
		}
	}
	if (rc == 0 || p->len == 0) {
		pass_free(p);
		cli_error(_("the passphrase is empty"));
		return false;
	}
	if (confirm && count_chars(p) < VAULT_MIN_PASSPHRASE) {
		pass_free(p);
		cli_error(_("the passphrase is too short: a backup needs at least %d"
		            " characters (a few words make a good one)"),
		          VAULT_MIN_PASSPHRASE);
		return false;
	}
	if (confirm && fd < 0) {
		struct pass again = { 0 };

		rc = ask_tty(_("The same passphrase again: "), &again);
		if (rc <= 0 || again.len != p->len ||
		    sodium_memcmp(again.buf, p->buf, p->len) != 0) {
			pass_free(&again);
			pass_free(p);
			cli_error(_("the two passphrases differ; nothing was written"));
			return false;
		}
		pass_free(&again);
	}
	return true;
}

/* Parses --passphrase-fd N and refuses any other way of giving the
 * passphrase on the command line. true when argv[*i] was one of them;
 * *bad set on a usage error (already reported). */
static bool
passphrase_option(const struct cli *c, int *i, int *fd, bool *bad)
{
	const char *a = c->argv[*i], *v = NULL;

	if (cli_option(c, i, "--passphrase-fd", &v, bad)) {
		char *end;
		long n;

		if (*bad)
			return true;
		errno = 0;
		n = strtol(v, &end, 10);
		if (str_empty(v) || *end || errno || n < 0 || n > 1024) {
			cli_usage_error(c, _("--passphrase-fd needs a file descriptor number,"
			                     " not '%s'"), v);
			*bad = true;
		}
		*fd = (int)n;
		return true;
	}
	if (strncmp(a, "--pass", 6) == 0 || strncmp(a, "--key", 5) == 0) {
		cli_usage_error(c, _("a passphrase is never taken from the command line"
		                     " (other users can read it in the process list);"
		                     " type it when asked or use --passphrase-fd N"));
		*bad = true;
		return true;
	}
	return false;
}

/* --- small file helpers ---------------------------------------------------- */

/* The directory part of path ("." when it has none), into buf. */
static void
dir_of(const char *path, char *buf, size_t len)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(buf, len, ".");
	else if (slash == path)
		snprintf(buf, len, "/");
	else
		snprintf(buf, len, "%.*s", (int)(slash - path), path);
}

static int
fsync_dir(const char *path)
{
	char dir[4096];
	int fd, rc;

	dir_of(path, dir, sizeof dir);
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* --- backup ----------------------------------------------------------------- */

int
cli_backup(const struct cli *c)
{
	const char *dest = NULL, *tmpbase = getenv("TMPDIR");
	char snap[4160], tmpdest[4160], err[1024];
	struct pass pass = { 0 };
	struct store *st = NULL;
	int cost = VAULT_COST_MODERATE, fd = -1, in = -1, out = -1;
	int status = EXIT_USER;
	bool bad = false;
	struct stat sb;
	enum status rc;

	for (int i = 0; i < c->argc && !bad; i++) {
		const char *v = NULL;

		if (passphrase_option(c, &i, &fd, &bad))
			continue;
		if (cli_option(c, &i, "--kdf-cost", &v, &bad)) {
			if (!bad && (cost = vault_cost_from_word(v)) < 0)
				return cli_usage_error(c, _("--kdf-cost is interactive, moderate"
				                            " or sensitive, not '%s'"), v);
		} else if (!dest && c->argv[i][0] != '-') {
			dest = c->argv[i];
		} else {
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
		}
	}
	if (bad)
		return EXIT_USAGE;
	if (sodium_init() < 0)
		return cli_error(_("cannot initialise libsodium"));
	if (!dest)
		return cli_usage_error(c, _("needs one destination file"));
	if (lstat(dest, &sb) == 0 || errno != ENOENT)
		return cli_error(_("%s: already exists; choose a new name"), dest);
	if (!(st = cli_open_db(c, STORE_READONLY)))
		return EXIT_USER;
	if (!get_passphrase(fd, true, &pass))
		goto out;

	/* the snapshot, in a directory only we can enter */
	guard_signals();
	snprintf(doomed_dir, sizeof doomed_dir, "%s/casepath-backup-XXXXXX",
	         str_empty(tmpbase) ? "/tmp" : tmpbase);
	if (!mkdtemp(doomed_dir)) {
		cli_error(_("cannot make a private temporary directory in %s: %s"),
		          str_empty(tmpbase) ? "/tmp" : tmpbase, strerror(errno));
		doomed_dir[0] = '\0';
		goto out;
	}
	snprintf(snap, sizeof snap, "%s/snapshot.db", doomed_dir);
	doom_database(snap);
	if ((rc = store_snapshot(st, snap)) != ST_OK) {
		cli_error("%s", store_errmsg(st));
		goto out;
	}
	if ((in = open(snap, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0) {
		cli_error(_("cannot read the database copy: %s"), strerror(errno));
		goto out;
	}

	/* the encrypted file: a temporary name, then its own */
	snprintf(tmpdest, sizeof tmpdest, "%s.tmp-XXXXXX", dest);
	if ((out = mkstemp(tmpdest)) < 0) {
		cli_error(_("%s: cannot create: %s"), dest, strerror(errno));
		goto out;
	}
	doom_file(4, tmpdest);
	if (fchmod(out, 0600) != 0 ||
	    vault_encrypt(in, out, pass.buf, pass.len, (enum vault_cost)cost, err,
	                  sizeof err) != ST_OK) {
		cli_error("%s: %s", dest, err);
		goto out;
	}
	if (fsync(out) != 0 || close(out) != 0) {
		out = -1;
		cli_error(_("%s: cannot write: %s"), dest, strerror(errno));
		goto out;
	}
	out = -1;
	/* link, not rename: never replaces a file that appeared meanwhile */
	if (link(tmpdest, dest) != 0) {
		if (errno == EEXIST)
			cli_error(_("%s: already exists; choose a new name"), dest);
		else
			cli_error(_("%s: cannot create: %s"), dest, strerror(errno));
		goto out;
	}
	fsync_dir(dest);
	printf(_("%s: encrypted backup written to %s\n"), store_path(st), dest);
	status = 0;
out:
	pass_free(&pass);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	cleanup_now();
	forget_doomed();
	cli_close_db(&st);
	return status;
}

/* --- restore ------------------------------------------------------------------ */

int
cli_restore(const struct cli *c)
{
	const char *src = NULL;
	char path[4096], tmp[4160], kept[4160], err[1024], report[1024];
	char hex[DIGEST_HEX_LEN + 1], dir[4096], json[1400];
	unsigned char digest[DIGEST_BYTES];
	struct store_guard *guard = NULL;
	struct pass pass = { 0 };
	struct store *st = NULL;
	bool bad = false, force = false, keep = true, exists;
	int fd = -1, in = -1, out = -1, status = EXIT_USER;
	struct stat sb;
	enum status rc;

	for (int i = 0; i < c->argc && !bad; i++) {
		if (passphrase_option(c, &i, &fd, &bad))
			continue;
		if (strcmp(c->argv[i], "--force") == 0)
			force = true;
		else if (strcmp(c->argv[i], "--no-keep") == 0)
			keep = false;
		else if (!src && c->argv[i][0] != '-')
			src = c->argv[i];
		else
			return cli_usage_error(c, _("unknown argument '%s'"), c->argv[i]);
	}
	if (bad)
		return EXIT_USAGE;
	if (sodium_init() < 0)
		return cli_error(_("cannot initialise libsodium"));
	if (!src)
		return cli_usage_error(c, _("needs the backup file to restore"));
	cli_db_path(c, path, sizeof path);
	exists = lstat(path, &sb) == 0;
	if (exists && !force)
		return cli_error(_("%s: a database is there already; add --force to"
		                   " replace it (it is kept as %s.before-restore-TIME)"),
		                 path, path);
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) < 0)
		return cli_error("%s: %s", src, strerror(errno));
	if (!get_passphrase(fd, false, &pass))
		goto out;

	/* decrypt next to the target: same directory, same 0600 */
	dir_of(path, dir, sizeof dir);
	if (make_dirs(dir, 0700) != 0) {
		cli_error(_("%s: cannot create its directory: %s"), path, strerror(errno));
		goto out;
	}
	guard_signals();
	snprintf(tmp, sizeof tmp, "%s.restore-XXXXXX", path);
	if ((out = mkstemp(tmp)) < 0) {
		cli_error(_("%s: cannot create a temporary file: %s"), path, strerror(errno));
		goto out;
	}
	doom_database(tmp);
	rc = vault_decrypt(in, out, pass.buf, pass.len, digest, err, sizeof err);
	pass_free(&pass);
	if (rc != ST_OK) {
		cli_error("%s: %s", src, err);
		goto out;
	}
	if (fsync(out) != 0 || close(out) != 0) {
		out = -1;
		cli_error(_("%s: cannot write: %s"), tmp, strerror(errno));
		goto out;
	}
	out = -1;

	/* the copy must be whole before it replaces anything: schema,
	 * integrity, foreign keys and the audit chain */
	if (store_open(tmp, 0, &st, err, sizeof err) != ST_OK) {
		cli_error(_("%s: the backup holds no usable database: %s"), src, err);
		goto out;
	}
	if (store_verify(st, report, sizeof report) != ST_OK) {
		cli_error(_("%s: the backup's database does not verify: %s"), src, report);
		goto out;
	}
	digest_hex(digest, hex);
	snprintf(json, sizeof json, "{\"note\":\"restored from backup\","
	         "\"sha256\":\"%s\",\"replaced\":%s}", hex, exists ? "true" : "false");
	if ((rc = store_tx_begin(st)) == ST_OK &&
	    (rc = store_audit(st, "database", "", "restore", NULL, json)) == ST_OK)
		rc = store_tx_commit(st);
	if (rc != ST_OK) {
		store_tx_rollback(st);
		cli_error("%s", store_errmsg(st));
		goto out;
	}
	store_close(&st);   /* folds its log into the file and removes it */

	/* nobody else may have the database open while it is replaced; the
	 * lock is taken only now, so a backup that fails its checks never
	 * touched the database */
	if (exists && store_guard_take(path, &guard, err, sizeof err) != ST_OK) {
		cli_error("%s", err);
		goto out;
	}

	if (exists && keep) {
		char stamp[32];
		time_t now = time(NULL);
		struct tm tm;

		gmtime_r(&now, &tm);
		strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
		snprintf(kept, sizeof kept, "%s.before-restore-%s", path, stamp);
		if (link(path, kept) != 0 || chmod(kept, 0600) != 0) {
			cli_error(_("%s: cannot keep the old database as %s: %s"), path, kept,
			          strerror(errno));
			goto out;
		}
	}
	if (rename(tmp, path) != 0) {
		cli_error(_("%s: cannot replace: %s"), path, strerror(errno));
		if (exists && keep)
			unlink(kept);
		goto out;
	}
	doom_file(0, NULL);
	fsync_dir(path);
	printf(_("%s: restored from %s (sha256 %s)\n"), path, src, hex);
	if (exists && keep)
		printf(_("the database it replaced is kept as %s\n"), kept);
	status = 0;
out:
	pass_free(&pass);
	store_close(&st);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	cleanup_now();
	forget_doomed();
	store_guard_release(&guard);
	return status;
}
