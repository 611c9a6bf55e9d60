package org.pathlight.access;

import java.util.List;

/**
 * One role's part of the staff home ({@code /staff/}), made by the component that owns the figures
 * (fundraising by donations, screening by volunteers, and so on), so the staff home reads no
 * component's tables. A staff member sees the sections of their roles; an admin sees all.
 */
public interface DashboardSection {

  /** Who sees it. */
  StaffRole role();

  /** Its heading. */
  String title();

  /** Its order on the page (lower first). */
  int order();

  /** The figures, worked out now. */
  List<Tile> tiles();

  /**
   * One figure: {@code value} as it is shown ("12", "$1,200.00", "84%"), an optional {@code detail}
   * line, the staff page where it is worked on ({@code href}, or null), and whether it needs
   * attention.
   */
  record Tile(String label, String value, String detail, String href, boolean attention) {

    public static Tile of(String label, String value, String detail, String href) {
      return new Tile(label, value, detail, href, false);
    }

    public Tile needingAttention(boolean flag) {
      return new Tile(label, value, detail, href, flag);
    }
  }
}
