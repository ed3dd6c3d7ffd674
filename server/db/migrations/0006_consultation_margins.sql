CREATE TABLE "consultation_margins" (
	"consultation_id" uuid NOT NULL,
	"section_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"commune" text DEFAULT '' NOT NULL,
	"stripe" integer DEFAULT 0 NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "consultation_margins_consultation_id_section_id_dim_value_commune_stripe_pk" PRIMARY KEY("consultation_id","section_id","dim","value","commune","stripe")
);
--> statement-breakpoint
-- hand-written (consultation margins): the margins of the consultations that already have counters, folded into stripe 0.
INSERT INTO "consultation_margins" ("consultation_id", "section_id", "dim", "value", "commune", "stripe", "n")
SELECT "consultation_id", "section_id", d.dim, d.value, d.commune, 0, sum(c."n")
  FROM "consultation_counters" c
  CROSS JOIN LATERAL (VALUES ('stance', c."stance", ''), ('channel', c."channel", ''), ('category', c."category", ''), ('age', c."age_band", ''), ('place', c."province_code", c."commune_code")) AS d(dim, value, commune)
 GROUP BY 1, 2, 3, 4, 5
HAVING sum(c."n") <> 0;
