// biome-ignore-all lint/a11y/useSemanticElements: <table> elements cannot be virtualised (absolutely positioned rows), so ARIA table roles go on divs.
// One table row. Preact renders its element once; what it shows is written by row-view.ts,
// which patches only what changed when the row shows another token or moves.
import { Component } from 'preact';
import type { Token } from '../../lib/tokens';
import { rowModel } from './row-model';
import { createRowView, type RowView } from './row-view';

interface Props {
  token: Token;
  index: number;
  top: number;
  selected: boolean;
  active: boolean;
  now: number;
  onCheck: (grantId: number, shift: boolean) => void;
  /** Opens the token's details; without it the name is plain text. */
  onOpen?: (grantId: number) => void;
  /** A row kept in the DOM past the end of a shorter result (TokenTable.tsx), out of sight. */
  hidden?: boolean;
}

export class TokenRow extends Component<Props> {
  private view: RowView | null = null;

  /**
   * Fills the row as soon as Preact attaches its element: refs are set before any effect runs,
   * so the table's layout effects (focus by data-index) find new rows complete.
   */
  private readonly attach = (row: HTMLDivElement | null): void => {
    if (!row || this.view) return;
    // The handlers read the props at the time of the click: Preact keeps them current even
    // when shouldComponentUpdate says no.
    this.view = createRowView(row, {
      check: (shift) => this.props.onCheck(this.props.token.grantId, shift),
      open: () => this.props.onOpen?.(this.props.token.grantId),
    });
    this.patch(this.props);
  };

  /** Never re-rendered: Preact would diff the row's children, which it did not create. */
  override shouldComponentUpdate(next: Props): boolean {
    this.patch(next);
    return false;
  }

  private patch({ token, index, top, selected, active, now, onOpen, hidden = false }: Props): void {
    // Everything the row says, once per token and minute (row-model.ts).
    this.view?.update(rowModel(token, now), {
      index,
      top,
      selected,
      active,
      hidden,
      openable: onOpen !== undefined,
    });
  }

  override render() {
    // The tab stop (tabIndex 0 on the active row) is row-view.ts's, like the rest.
    return <div role="row" tabIndex={-1} ref={this.attach} />;
  }
}
