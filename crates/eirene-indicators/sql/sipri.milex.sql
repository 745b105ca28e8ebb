-- sipri.milex: military expenditure by country (SIPRI's country rows), with the real change
-- (constant prices), the rank among countries by constant-price spending within the year, and
-- the share of SIPRI's world total (Regional totals sheet, constant prices; it includes SIPRI's
-- estimates for missing countries, so shares do not add up to 100). rank_in_world_current ranks
-- by current US$ of the year, as SIPRI's fact sheets do. The European Union is a SIPRI row but
-- not a state: it is not ranked. Shares of GDP and of government spending are in
-- per cent (SIPRI publishes fractions).
WITH ranks AS (
    SELECT
        country,
        year,
        RANK() OVER (PARTITION BY year ORDER BY constant_usd_m DESC) AS rank_in_world
    FROM milex
    WHERE constant_usd_m IS NOT NULL
      AND country <> 'European Union'
),
ranks_current AS (
    SELECT
        country,
        year,
        RANK() OVER (PARTITION BY year ORDER BY current_usd_m DESC) AS rank_in_world_current
    FROM milex
    WHERE current_usd_m IS NOT NULL
      AND country <> 'European Union'
),
world AS (
    SELECT year, price_base_year, constant_usd_m
    FROM milex_regional
    WHERE level = 'world'
)
SELECT
    m.country,
    c.iso3,
    m.region,
    m.subregion,
    m.year,
    m.constant_usd_m,
    m.current_usd_m,
    m.price_base_year,
    CASE WHEN m.constant_usd_m IS NULL OR p.constant_usd_m IS NULL OR p.constant_usd_m = 0 THEN NULL
         ELSE (m.constant_usd_m / p.constant_usd_m - 1.0) * 100.0
    END AS real_change_pct,
    m.share_of_gdp * 100.0 AS share_of_gdp_pct,
    m.per_capita_usd,
    m.share_of_govt_spending * 100.0 AS share_of_govt_spending_pct,
    k.rank_in_world,
    COALESCE(k.rank_in_world <= 10, FALSE) AS top_ten,
    kc.rank_in_world_current,
    CASE WHEN w.constant_usd_m IS NULL OR w.constant_usd_m = 0 THEN NULL
         ELSE m.constant_usd_m * 100.0 / w.constant_usd_m
    END AS share_of_world_pct,
    m.constant_usd_m_status,
    m.current_usd_m_status
FROM milex AS m
LEFT JOIN countries AS c ON c.sipri_name = m.country
LEFT JOIN milex AS p
    ON p.country = m.country
   AND p.price_base_year = m.price_base_year
   AND p.year = m.year - 1
LEFT JOIN ranks AS k ON k.country = m.country AND k.year = m.year
LEFT JOIN ranks_current AS kc ON kc.country = m.country AND kc.year = m.year
LEFT JOIN world AS w ON w.year = m.year AND w.price_base_year = m.price_base_year
