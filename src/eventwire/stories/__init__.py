"""stories: near-duplicate copies, articles of one story across outlets, consolidated events.

The stage's logic over plain records (`cluster`, `copies`, `placement`, `windows`, `consolidate`,
`compare`); it runs over the store in `engines.stories` and on Spark in `engines.spark_stories`.
"""
