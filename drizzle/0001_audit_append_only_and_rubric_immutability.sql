-- The audit log is append-only at the database level. The one UPDATE allowed is GDPR erasure
-- redacting the before/after payloads of an entry (every other column unchanged).
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (
  NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.actor_id IS OLD.actor_id AND NEW.action IS OLD.action
  AND NEW.entity_type IS OLD.entity_type AND NEW.entity_id IS OLD.entity_id AND NEW.loop_id IS OLD.loop_id
  AND (NEW.before IS NULL OR NEW.before = '{"erased":true}')
  AND (NEW.after IS NULL OR NEW.after = '{"erased":true}')
  AND (NEW.reason IS OLD.reason OR NEW.reason = '[erased]')
)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
--> statement-breakpoint
-- Published rubric versions are immutable: loops keep scoring against exactly what was published.
CREATE TRIGGER rubric_versions_published_immutable BEFORE UPDATE ON rubric_versions
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_versions_published_no_delete BEFORE DELETE ON rubric_versions
WHEN OLD.status = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_dimensions_immutable_upd BEFORE UPDATE ON rubric_dimensions
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_dimensions_immutable_del BEFORE DELETE ON rubric_dimensions
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_dimensions_immutable_ins BEFORE INSERT ON rubric_dimensions
WHEN (SELECT status FROM rubric_versions WHERE id = NEW.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_exercises_immutable_upd BEFORE UPDATE ON rubric_exercises
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_exercises_immutable_del BEFORE DELETE ON rubric_exercises
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_exercises_immutable_ins BEFORE INSERT ON rubric_exercises
WHEN (SELECT status FROM rubric_versions WHERE id = NEW.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_red_flags_immutable_upd BEFORE UPDATE ON rubric_red_flags
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_red_flags_immutable_del BEFORE DELETE ON rubric_red_flags
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_red_flags_immutable_ins BEFORE INSERT ON rubric_red_flags
WHEN (SELECT status FROM rubric_versions WHERE id = NEW.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_signals_immutable_upd BEFORE UPDATE ON rubric_signals
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_signals_immutable_del BEFORE DELETE ON rubric_signals
WHEN (SELECT status FROM rubric_versions WHERE id = OLD.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_signals_immutable_ins BEFORE INSERT ON rubric_signals
WHEN (SELECT status FROM rubric_versions WHERE id = NEW.version_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_exercise_dimensions_immutable_ins BEFORE INSERT ON rubric_exercise_dimensions
WHEN (SELECT v.status FROM rubric_exercises e JOIN rubric_versions v ON v.id = e.version_id WHERE e.id = NEW.exercise_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
--> statement-breakpoint
CREATE TRIGGER rubric_exercise_dimensions_immutable_del BEFORE DELETE ON rubric_exercise_dimensions
WHEN (SELECT v.status FROM rubric_exercises e JOIN rubric_versions v ON v.id = e.version_id WHERE e.id = OLD.exercise_id) = 'published'
BEGIN
  SELECT RAISE(ABORT, 'published rubric versions are immutable');
END;
