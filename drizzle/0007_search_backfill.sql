-- Every loop belongs to a search (issue 15). Loops made before searches existed are grouped into one
-- search per rubric family and hiring manager, opened when the group's first loop was created; the
-- recruiter renames or closes them afterwards. Ids are 22 random URL-safe characters like newId().
INSERT INTO `searches` (`id`, `title`, `rubric_id`, `hiring_manager_id`, `headcount`, `notes`, `created_by`, `opened_at`, `closed_at`)
SELECT
  (
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 22)
    SELECT group_concat(substr('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_', (abs(random()) % 64) + 1, 1), '')
    FROM n WHERE g.hiring_manager_id IS NOT NULL
  ),
  g.role_title || ' (' || g.manager_name || ')',
  g.rubric_id,
  g.hiring_manager_id,
  NULL,
  'Grouped from the loops that existed before searches: same rubric and hiring manager.',
  NULL,
  g.opened_at,
  NULL
FROM (
  SELECT rv.rubric_id AS rubric_id, l.hiring_manager_id AS hiring_manager_id, r.role_title AS role_title,
         u.name AS manager_name, min(l.created_at) AS opened_at
  FROM `loops` l
  JOIN `rubric_versions` rv ON rv.id = l.rubric_version_id
  JOIN `rubrics` r ON r.id = rv.rubric_id
  JOIN `users` u ON u.id = l.hiring_manager_id
  WHERE l.search_id IS NULL
  GROUP BY rv.rubric_id, l.hiring_manager_id
) g;
--> statement-breakpoint
UPDATE `loops` SET `search_id` = (
  SELECT s.id FROM `searches` s
  JOIN `rubric_versions` rv ON rv.rubric_id = s.rubric_id
  WHERE rv.id = `loops`.rubric_version_id
    AND s.hiring_manager_id = `loops`.hiring_manager_id
    AND s.created_by IS NULL
  ORDER BY s.opened_at
  LIMIT 1
)
WHERE `search_id` IS NULL;
