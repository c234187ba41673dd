-- The staging tables holding rows per article (an article_id column), but not the inputs
-- nor the quarantine itself.
select table_name
from information_schema.columns
where table_schema = 'staging' and column_name = 'article_id'
    and table_name not in ('inputs', 'quarantine')
order by table_name;
