CREATE TABLE promo_codes (
    code  STRING PRIMARY KEY,
    rules JSONB
);
CREATE INVERTED INDEX promo_codes_rules_idx ON promo_codes (rules);
ALTER TABLE promo_codes CONFIGURE ZONE USING num_replicas = 5;
