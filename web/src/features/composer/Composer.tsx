import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { getState, setState, useStore } from '../../store/store';
import { channelTitle } from '../../store/selectors';
import { sendPost } from '../../store/actions/posts';
import { sendTyping } from '../../realtime/socket';
import { client, errorMessage } from '../../api/client';
import { useT } from '../../i18n/useT';
import { Icon } from '../../ui/icons';
import { showToast } from '../layout/Toast';
import { runClientCommand } from './client_commands';
import { applyCompletion, completesNothing, findTrigger, type Trigger } from './suggest';
import { followGotoLocation } from './goto_location';
import { useSuggestions, type Suggestion } from './useSuggestions';
import { PersonLabel } from '../people/PersonLabel';
import { Avatar } from '../people/Avatar';
import { EmojiPicker } from '../emoji/EmojiPicker';
import { EmojiGlyph } from '../emoji/EmojiGlyph';
import { PendingUploads } from '../files/PendingUploads';
import { FileDropZone, pastedFiles } from '../files/FileDrop';
import { Glyph } from '../files/FileIcon';
import { addFiles, attachedFiles, clearUploads, MAX_FILES_PER_POST, useUploads } from '../files/uploads';
import { checkChannelMentions, type ChannelMentionConfirm } from './channel_mention_confirm';
import { ChannelMentionDialog } from './ChannelMentionDialog';


const TYPING_THROTTLE_MS = 3000;

const draftKey = (channelId: string, rootId: string): string => (rootId ? `thread:${rootId}` : channelId);

/** The last post I wrote here (channel or thread), for Up-arrow editing. */
function lastOwnPostId(channelId: string, rootId: string): string {
  const s = getState();
  const ids = rootId ? [rootId, ...(s.posts.byThread[rootId] ?? [])] : (s.posts.byChannel[channelId]?.order ?? []);
  for (let i = ids.length - 1; i >= 0; i--) {
    const p = s.posts.posts[ids[i]];
    if (p && p.user_id === s.me?.id && !p.type && p.id !== p.pending_post_id) return p.id;
  }
  return '';
}

export function Composer({ channelId, rootId }: { channelId: string; rootId: string }) {
  const t = useT();
  const key = draftKey(channelId, rootId);
  const draft = useStore((s) => s.drafts[key] ?? '');
  const placeholder = useStore((s) => (rootId ? t('composer.replyPlaceholder') : t('composer.placeholder', { name: channelTitle(s, s.channels[channelId]) })));
  const maxLength = useStore((s) => Number(s.config.MaxPostSize) || 16383);
  const [caret, setCaret] = useState(0);
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  const [picker, setPicker] = useState(false);
  const [dismissed, setDismissed] = useState('');
  const [confirmMentions, setConfirmMentions] = useState<ChannelMentionConfirm | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const canAttach = useStore((s) => s.config.EnableFileAttachments === 'true');
  const hasFiles = useUploads((s) => (s[key] ?? []).some((u) => u.status === 'done'));
  const uploading = useUploads((s) => (s[key] ?? []).some((u) => u.status === 'uploading'));
  const lastTyping = useRef(0);
  const suggestions = useSuggestions(trigger && `${trigger.kind}:${trigger.start}` !== dismissed ? trigger : null, channelId, rootId);

  const setDraft = (text: string): void => setState((s) => ({ drafts: { ...s.drafts, [key]: text } }));

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 300)}px`;
  }, [draft]);

  useEffect(() => {
    if (!rootId) ref.current?.focus();
  }, [channelId, rootId]);

  useEffect(() => {
    const el = ref.current;
    if (el && document.activeElement === el && caret !== el.selectionStart) el.setSelectionRange(caret, caret);
  }, [caret]);

  const updateTrigger = (text: string, position: number): void => {
    setTrigger(findTrigger(text, position));
    setActive(0);
  };

  const complete = (s: Suggestion): void => {
    if (!trigger) return;
    const next = applyCompletion(draft, ref.current?.selectionStart ?? draft.length, trigger, s.completion);
    // Commit the new text and place the caret before this event handler returns: a key typed right after the
    // completion must land after it, not where a later frame would have put the caret.
    flushSync(() => {
      setDraft(next.text);
      setTrigger(null);
    });
    ref.current?.setSelectionRange(next.caret, next.caret);
    setCaret(next.caret);
  };

  const attach = (files: File[]): void => {
    if (!canAttach || files.length === 0) return;
    const { overLimit } = addFiles(key, channelId, files);
    if (overLimit > 0) showToast(t('files.tooMany', { max: MAX_FILES_PER_POST }));
  };

  const submit = async (confirmed = false): Promise<void> => {
    const message = getState().drafts[key]?.trim() ?? '';
    const isCommand = message.startsWith('/') && !message.startsWith('//');
    if (!message && !hasFiles) return;
    if (message.length > maxLength) {
      showToast(t('composer.tooLong', { max: maxLength }));
      return;
    }
    if (uploading && !isCommand) {
      showToast(t('files.waitForUploads'));
      return;
    }
    if (!isCommand && !confirmed) {
      // @channel, @all or @here in a larger channel asks first; the draft stays until confirmed.
      const confirm = await checkChannelMentions(channelId, message);
      if (confirm) {
        setConfirmMentions(confirm);
        return;
      }
    }
    // Commands take no files: those stay on the draft for the next message.
    const files = isCommand ? [] : attachedFiles(key);
    if (files.length) clearUploads(key);
    setDraft('');
    setTrigger(null);
    // The server's "posted" clears my typing indicator for others; the next keystroke must announce it again.
    lastTyping.current = 0;
    try {
      if (isCommand) {
        if (runClientCommand(message, channelId)) return;
        const response = await client.executeCommand(message, { channel_id: channelId, team_id: getState().currentTeamId, root_id: rootId } as Parameters<typeof client.executeCommand>[1]);
        if (response.goto_location) followGotoLocation(response.goto_location, getState().config.SiteURL ?? '');
      } else {
        await sendPost(channelId, message, rootId, files);
      }
    } catch (err) {
      if (isCommand) setDraft(message);
      showToast(errorMessage(err));
    }
  };

  const onChange = (text: string, position: number): void => {
    setDraft(text);
    setCaret(position);
    updateTrigger(text, position);
    const now = Date.now();
    if (text && now - lastTyping.current > TYPING_THROTTLE_MS) {
      lastTyping.current = now;
      sendTyping(channelId, rootId);
    }
  };

  const open = suggestions.length > 0;
  const listId = `suggestions-${key}`;
  // The command list is longer than the box: keep the highlighted choice in view.
  useEffect(() => {
    if (open) document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, listId, active]);

  return (
    <div className="composer" ref={rootRef}>
      <FileDropZone anchor={rootRef} enabled={canAttach} onFiles={attach} />
      {confirmMentions && (
        <ChannelMentionDialog
          confirm={confirmMentions}
          channelName={channelTitle(getState(), getState().channels[channelId])}
          onCancel={() => setConfirmMentions(null)}
          onConfirm={() => {
            setConfirmMentions(null);
            void submit(true);
          }}
        />
      )}
      {open && (
        <ul className="suggestions" role="listbox" id={listId} aria-label={t('composer.suggestions')}>
          {suggestions.map((s, i) => (
            <li
              key={s.key}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'suggestion active' : 'suggestion'}
              onMouseDown={(e) => {
                e.preventDefault();
                complete(s);
              }}
              onMouseEnter={() => setActive(i)}
            >
              {s.userId && <Avatar userId={s.userId} size={22} />}
              {s.emojiName && <span className="suggestion-emoji"><EmojiGlyph name={s.emojiName} size={18} /></span>}
              {s.kind === 'channel' && <Icon name="hash" size={14} />}
              {s.user ? (
                <PersonLabel user={s.user} />
              ) : (
                <>
                  <span className="suggestion-label">{s.label}</span>
                  {s.hint && <span className="suggestion-hint">{s.hint}</span>}
                  {s.detail && <span className="suggestion-detail">{s.detail}</span>}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="composer-box">
        {canAttach && <PendingUploads draftKey={key} />}
        <textarea
          ref={ref}
          value={draft}
          rows={1}
          placeholder={placeholder}
          aria-label={placeholder}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          onChange={(e) => onChange(e.target.value, e.target.selectionStart)}
          onSelect={(e) => updateTrigger(e.currentTarget.value, e.currentTarget.selectionStart)}
          onPaste={(e) => {
            const files = canAttach ? pastedFiles(e.clipboardData) : [];
            if (files.length === 0) return;
            e.preventDefault();
            attach(files);
          }}
          onKeyDown={(e) => {
            if (open) {
              if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                const delta = e.key === 'ArrowDown' ? 1 : -1;
                setActive((a) => (a + delta + suggestions.length) % suggestions.length);
                return;
              }
              // A command already typed out (or an argument hint) completes nothing: Enter sends it.
              const typedOut = trigger?.kind === 'command' && completesNothing(draft, e.currentTarget.selectionStart, trigger, suggestions[active]?.completion ?? '');
              if ((e.key === 'Enter' || e.key === 'Tab') && !e.shiftKey && !(e.key === 'Enter' && typedOut)) {
                e.preventDefault();
                complete(suggestions[active]);
                return;
              }
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                if (trigger) setDismissed(`${trigger.kind}:${trigger.start}`);
                return;
              }
            }
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void submit();
            } else if (e.key === 'ArrowUp' && !draft && !e.altKey) {
              const id = lastOwnPostId(channelId, rootId);
              if (id) {
                e.preventDefault();
                setState({ editingPostId: id });
              }
            }
          }}
        />
        <div className="composer-tools">
          {canAttach && (
            <>
              <button type="button" className="icon-button attach" aria-label={t('files.attach')} title={t('files.attach')} onClick={() => fileInput.current?.click()}>
                <Glyph name="paperclip" />
              </button>
              <input
                ref={fileInput}
                type="file"
                multiple
                hidden
                tabIndex={-1}
                aria-label={t('files.attach')}
                onChange={(e) => {
                  attach(Array.from(e.target.files ?? []));
                  e.target.value = '';
                  ref.current?.focus();
                }}
              />
            </>
          )}
          <div className="picker-anchor">
            <button type="button" className="icon-button" aria-label={t('composer.emoji')} title={t('composer.emoji')} onClick={() => setPicker(!picker)}>
              <Icon name="smile" />
            </button>
            {picker && (
              <EmojiPicker
                  placement="above"
                  onClose={() => {
                    setPicker(false);
                    ref.current?.focus();
                  }}
                  onPick={(name) => setDraft(`${draft}${draft && !draft.endsWith(' ') ? ' ' : ''}:${name}: `)}
                />
            )}
          </div>
          <button type="button" className="icon-button send" aria-label={t('composer.send')} title={t('composer.send')} disabled={(!draft.trim() && !hasFiles) || uploading} onClick={() => void submit()}>
            <Icon name="send" />
          </button>
        </div>
      </div>
      <div className="composer-hint" aria-hidden="true">
        {t('composer.hint')}
      </div>
    </div>
  );
}
