CREATE TRIGGER users_touch BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION touch_users();

CREATE POLICY documents_owner ON documents USING (owner = current_user OR owner = 'admin');
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
