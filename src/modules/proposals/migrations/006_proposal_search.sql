-- Korean search on proposal titles: a normalised title (letters and digits only, lower case) for partial words
-- whatever the spacing, and its 초성 (initial consonants) so "ㅌㅎㄹ" finds "통학로". Both are generated columns,
-- computed by the database for old and new rows alike, with trigram indexes for `like '%…%'`.
-- These functions mirror normalizeForSearch and choseongOf in src/modules/proposals/workflow/search.ts (a test
-- compares them).
create or replace function madang_search_norm(t text) returns text language sql immutable parallel safe as $$
  select lower(regexp_replace(translate(coalesce(t, ''),
    'ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ０１２３４５６７８９',
    'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
    '[^0-9A-Za-z가-힣ㄱ-ㅎㅏ-ㅣ]', '', 'g'))
$$;

create or replace function madang_choseong(t text) returns text language plpgsql immutable parallel safe as $$
declare
  initials constant text := 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ';
  s text := madang_search_norm(t);
  out text := '';
  ch text;
  code int;
begin
  foreach ch in array regexp_split_to_array(s, '') loop
    code := ascii(ch);
    if code between 44032 and 55203 then
      out := out || substr(initials, (code - 44032) / 588 + 1, 1);
    elsif ch ~ '^[ㄱ-ㅎ]$' then
      out := out || ch;
    end if;
  end loop;
  return out;
end
$$;

alter table proposals add column title_norm text generated always as (madang_search_norm(title)) stored;
alter table proposals add column title_choseong text generated always as (madang_choseong(title)) stored;
create index proposals_title_norm_trgm on proposals using gin (title_norm gin_trgm_ops);
create index proposals_title_choseong_trgm on proposals using gin (title_choseong gin_trgm_ops);
