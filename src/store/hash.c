/* SHA-256 in hex: of bytes, and of what a list of queries on one id
 * returns (a check's or a panel's content, as signed). */
#include <nettle/sha2.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "gradus/text/i18n.h"
#include "store_private.h"

static void digest_hex(struct sha256_ctx *ctx, char out[65])
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	int i;

	sha256_digest(ctx, sizeof(digest), digest);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(out + 2 * i, 3, "%02x", digest[i]);
}

void store_sha256_hex(const void *data, size_t size, char out[65])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, size, data);
	digest_hex(&ctx, out);
}

/* A row as its columns separated by tabs (NUL marking SQL NULL), then a newline. */
static void hash_row(struct sha256_ctx *ctx, sqlite3_stmt *stmt)
{
	static const uint8_t tab = '\t', newline = '\n', null_mark = 0;
	int i, n = sqlite3_column_count(stmt);

	for (i = 0; i < n; i++) {
		const unsigned char *text = sqlite3_column_text(stmt, i);

		if (i)
			sha256_update(ctx, 1, &tab);
		if (text)
			sha256_update(ctx, strlen((const char *)text), text);
		else
			sha256_update(ctx, 1, &null_mark);
	}
	sha256_update(ctx, 1, &newline);
}

enum status store_hash_queries_with(struct store *store, const char *const *sqls, size_t count,
				    void (*bind)(sqlite3_stmt *stmt, const void *context), const void *context,
				    char hash[65], struct error *err)
{
	struct sha256_ctx ctx;
	size_t part;

	sha256_init(&ctx);
	for (part = 0; part < count; part++) {
		sqlite3_stmt *stmt = store_prepare(store, sqls[part], err);
		enum status status;
		bool row;

		if (!stmt)
			return STATUS_ERR_DB;
		bind(stmt, context);
		while (!(status = store_step(store, stmt, &row, err)) && row)
			hash_row(&ctx, stmt);
		sqlite3_reset(stmt);
		if (status)
			return status;
	}
	digest_hex(&ctx, hash);
	return STATUS_OK;
}

static void bind_id(sqlite3_stmt *stmt, const void *id)
{
	sqlite3_bind_text(stmt, 1, id, -1, SQLITE_STATIC);
}

enum status store_hash_queries(struct store *store, const char *const *sqls, size_t count, const char *id,
			       char hash[65], struct error *err)
{
	return store_hash_queries_with(store, sqls, count, bind_id, id, hash, err);
}
