-- Items scored on a scale, beside pass/fail ones. A scored item has a maximum
-- score and the score from which it passes; its finding records the score
-- given (0 to the maximum) and, as for any item, whether it passed, which the
-- score decides. A pass/fail item has neither and its findings no score.
alter table inspection_checklist_items
  add column max_score  integer check (max_score between 1 and 100),
  add column pass_score integer,
  add constraint inspection_checklist_items_scale_check
    check ((max_score is null) = (pass_score is null) and (pass_score is null or pass_score between 1 and max_score));

alter table inspection_results
  add column score integer check (score between 0 and 100);
